package io.nianbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedRocksDbTest {

    @Test
    void theBudgetIs16MbUnlessTheEnvironmentSaysOtherwise() {
        assertThat(BoundedRocksDb.cacheMegabytes(null)).isEqualTo(16);
        assertThat(BoundedRocksDb.cacheMegabytes(" ")).isEqualTo(16);
        assertThat(BoundedRocksDb.cacheMegabytes(" 64 ")).isEqualTo(64);
    }

    @Test
    void aBudgetThatIsNotAWholeNumberOfAtLeast4MbIsRefusedWithItsName() {
        assertThatThrownBy(() -> BoundedRocksDb.cacheMegabytes("32MB")).hasMessageContaining(BoundedRocksDb.CACHE_MB_ENV).hasMessageContaining("'32MB'");
        assertThatThrownBy(() -> BoundedRocksDb.cacheMegabytes("2")).hasMessageContaining("at least 4");
    }
}
