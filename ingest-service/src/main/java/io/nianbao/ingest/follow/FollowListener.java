package io.nianbao.ingest.follow;

/** What the watcher tells its host (metrics, logs): no-ops by default. */
public interface FollowListener {

    default void polled(String source) {
    }

    /** A new report (or a new version of one: new bytes at a URL already ingested). */
    default void newReport(String source, String url, String title, String reportId, int version) {
    }

    default void error(String source, String url, String kind, String message) {
    }
}
