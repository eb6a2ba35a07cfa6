package io.nianbao.ingest;

import io.nianbao.contracts.Topics;
import io.nianbao.contracts.TopicsConfigSource;
import java.util.List;

/** ingest-service writes reports.raw. */
public class IngestTopics extends TopicsConfigSource {
    public IngestTopics() {
        super(List.of(), List.of(Topics.RAW));
    }
}
