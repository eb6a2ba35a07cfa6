package io.nianbao.ingest.follow;

/** Where the watcher hands each document it found: ingest's in-process intake, or a test's list. */
@FunctionalInterface
public interface DocumentSink {

    /** What ingest said: the report id, whether the bytes were ingested before, or why they were refused (null when accepted). */
    record Outcome(String id, boolean duplicate, String refusal) {
    }

    /** Ingests a document with the source's hints; throws when it could not be published (it is tried again at the next poll). */
    Outcome ingest(byte[] body, String contentType, String sourceUrl, String publisher, Integer year, String fileName) throws Exception;
}
