package io.nianbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ContractsAvroSerializerBufferTest {

    @Test
    void aBufferKeepsEveryByteInOrderAsItGrows() {
        ContractsAvroSerializer.Buffer buffer = new ContractsAvroSerializer.Buffer();
        byte[] expected = new byte[3 * ContractsAvroSerializer.Buffer.INITIAL_BYTES + 7];
        for (int i = 0; i < expected.length; i++) expected[i] = (byte) (i * 31);
        buffer.write(expected[0]);
        buffer.write(expected, 1, 1000);
        buffer.write(expected, 1001, expected.length - 1001);
        assertThat(Arrays.copyOf(buffer.bytes, buffer.size)).isEqualTo(expected);
    }

    @Test
    void aResetBufferStartsEmptyAndLetsGoOfAnArrayGrownPastTheKeptSize() {
        ContractsAvroSerializer.Buffer buffer = new ContractsAvroSerializer.Buffer();
        buffer.write(new byte[100], 0, 100);
        byte[] small = buffer.bytes;
        buffer.reset();
        assertThat(buffer.size).isZero();
        assertThat(buffer.bytes).isSameAs(small);

        buffer.write(new byte[ContractsAvroSerializer.Buffer.KEPT_BYTES + 1], 0, ContractsAvroSerializer.Buffer.KEPT_BYTES + 1);
        buffer.reset();
        assertThat(buffer.size).isZero();
        assertThat(buffer.bytes).hasSize(ContractsAvroSerializer.Buffer.INITIAL_BYTES);
    }
}
