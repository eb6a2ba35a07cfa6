package io.nianbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamsThreadReplacementTest {

    @Test
    void theWaitDoublesUpToAMinute() {
        assertThat(StreamsThreadReplacement.backoff(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(StreamsThreadReplacement.backoff(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(StreamsThreadReplacement.backoff(6)).isEqualTo(Duration.ofMinutes(1));
        assertThat(StreamsThreadReplacement.backoff(60)).isEqualTo(Duration.ofMinutes(1));
    }
}
