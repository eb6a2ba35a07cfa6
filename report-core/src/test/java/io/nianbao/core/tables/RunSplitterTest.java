package io.nianbao.core.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSplitterTest {

    private static List<Long> cells(Long... v) {
        return Arrays.asList(v);
    }

    private static RunSplitter.Split split(String... chunks) {
        return RunSplitter.split(List.of(chunks), 7, 7);
    }

    @Test
    void sevenDigitsForSevenCellsLeaveOneSplitEvenWhenTheRowDoesNotAddUp() {
        assertThat(split("0000000").cells()).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L);
        // as published: 0 ≠ 3 is the validator's finding; no shorter reading (with a blank) exists
        assertThat(split("0000003").cells()).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 3L);
        assertThat(split("1", "1", "0", "0", "0", "0", "3").cells()).containsExactly(1L, 1L, 0L, 0L, 0L, 0L, 3L);
    }

    @Test
    void sevenDigitsThatCouldHoldABlankCellAndDoNotAddUpDecideNothing() {
        // 2|0|0|15|0|0|(blank) prints as 2001500, as does 2|0|0|1|5|0|0
        assertThat(split("2001500").cells()).containsOnlyNulls();
        // 8|1|0|0|0|0|8 or 81|0|0|0|0|8 with a blank, or 8|10|…: the run does not say
        assertThat(split("8100008").cells()).containsOnlyNulls();
    }

    @Test
    void aNumberNeverSpansASpace() {
        // printed 0|0|29|1|9|0|30: seven chunks are the seven cells, added up or not
        assertThat(split("0", "0", "29", "1", "9", "0", "30").cells()).containsExactly(0L, 0L, 29L, 1L, 9L, 0L, 30L);
        // 2 0 0 15 0 0: fifteen stays whole, so this is a row with a blank cell, and which one is open
        RunSplitter.Split s = split("2", "0", "0", "15", "0", "0");
        assertThat(s.cells()).doesNotContain(1L, 5L);
    }

    @Test
    void aLongerRunIsCutWhereItsOwnRowAddsUp() {
        assertThat(split("21710000218").cells()).containsExactly(217L, 1L, 0L, 0L, 0L, 0L, 218L);
        assertThat(split("580000058").cells()).containsExactly(58L, 0L, 0L, 0L, 0L, 0L, 58L);
    }

    @Test
    void spacesHelpAndStraySpacesAreTolerated() {
        assertThat(split("230", "000023").cells()).containsExactly(23L, 0L, 0L, 0L, 0L, 0L, 23L);
        assertThat(split("10", "0", "00", "0", "1").cells()).containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 1L);
        assertThat(split("12", "3", "0", "0", "0", "0", "15").how()).isEqualTo("cells as spaced");
    }

    @Test
    void cellsTheSplitsDisagreeOnAreMissingWithTheCandidates() {
        RunSplitter.Split s = split("110000011");
        assertThat(s.cells()).isEqualTo(cells(null, null, 0L, 0L, 0L, 0L, 11L));
        assertThat(s.candidates()).hasSize(2);
    }

    @Test
    void severalSplitsNoneAddingUpDecideNothing() {
        RunSplitter.Split s = split("191000019");
        assertThat(s.cells()).containsOnlyNulls();
    }

    @Test
    void aBlankCellIsOneMoreReadingAndMustNotCompete() {
        // 11|(blank)|0|0|0|0|11 and 1|10|0|0|0|0|11 both add up
        RunSplitter.Split s = split("11000011");
        assertThat(s.cells().get(0)).isNull();
        assertThat(s.cells().get(1)).isNull();
        assertThat(s.cells().get(6)).isEqualTo(11L);
        // six digits for seven cells: one is blank; only the total is certain
        RunSplitter.Split blank = split("300003");
        assertThat(blank.cells().get(6)).isEqualTo(3L);
        assertThat(blank.cells().get(0)).isNull();
    }

    @Test
    void sectionFourBlocksEachAddUp() {
        // 行政复议 0|0|0|0|0, 直接起诉 1|0|0|0|1, 复议后起诉 12|0|0|0|12
        RunSplitter.Split s = RunSplitter.split(List.of("00000", "10001", "12000", "12"), 15, 5);
        assertThat(s.cells()).containsExactly(0L, 0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 1L, 12L, 0L, 0L, 0L, 12L);
    }

    @Test
    void aRunTooShortForTheRowHasNoSplit() {
        assertThat(split("")).isNull();
    }
}
