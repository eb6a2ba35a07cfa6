package io.nianbao.aggregate.issues;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.core.json.ReportJson;
import org.junit.jupiter.api.Test;

class IssueTailTest {

    private static ObjectNode issue(String id, String at) {
        return ReportJson.MAPPER.createObjectNode().put("findingId", id).put("at", at);
    }

    /** The partitions' tails arrive one poll after another, not in time order: the newest are kept and shown first whatever came first. */
    @Test
    void theNewestAreKeptAndShownFirstWhateverTheOrderTheyArrive() {
        IssueTail tail = new IssueTail();
        tail.kept = 3;
        // partition 0's tail, then partition 1's, each in its own order; a second with and without fractions
        tail.add(issue("p0-old", "2026-12-01T10:00:01Z"));
        tail.add(issue("p0-new", "2026-12-01T10:00:05.120Z"));
        tail.add(issue("p1-oldest", "2026-12-01T09:00:00Z"));
        tail.add(issue("p1-newest", "2026-12-01T10:00:06Z"));
        tail.add(issue("p1-mid", "2026-12-01T10:00:05Z"));
        assertThat(tail.latest(i -> true, 10)).extracting(i -> i.path("findingId").asText()).containsExactly("p1-newest", "p0-new", "p1-mid");
        assertThat(tail.latest(i -> i.path("findingId").asText().startsWith("p0"), 10)).extracting(i -> i.path("findingId").asText()).containsExactly("p0-new");
    }
}
