package io.nianbao.ingest.follow;

import io.micrometer.core.instrument.MeterRegistry;
import io.nianbao.ingest.ReportIngestor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The watcher inside ingest-service: started with the service, stopped with it, handing every document
 * it finds to the same in-process intake as {@code POST /api/reports}, with metrics per source.
 */
@ApplicationScoped
public class FollowService {

    private static final Logger LOG = Logger.getLogger(FollowService.class);

    @Inject
    ReportIngestor ingestor;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "nianbao.follow.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "nianbao.follow.every", defaultValue = "1h")
    String every;
    @ConfigProperty(name = "nianbao.follow.min-every", defaultValue = "1m")
    String minEvery;
    @ConfigProperty(name = "nianbao.follow.per-host", defaultValue = "2s")
    String perHost;
    @ConfigProperty(name = "nianbao.follow.timeout", defaultValue = "30s")
    String timeout;
    @ConfigProperty(name = "nianbao.follow.max-backoff", defaultValue = "6h")
    String maxBackoff;
    @ConfigProperty(name = "nianbao.follow.recheck", defaultValue = "1d")
    String recheck;
    @ConfigProperty(name = "nianbao.follow.max-pages", defaultValue = "10")
    int maxPages;
    @ConfigProperty(name = "nianbao.follow.concurrency", defaultValue = "8")
    int concurrency;
    @ConfigProperty(name = "nianbao.follow.group", defaultValue = "nianbao-follow")
    String group;
    @ConfigProperty(name = "nianbao.follow.user-agent", defaultValue = FollowConfig.USER_AGENT)
    String userAgent;
    @ConfigProperty(name = "nianbao.ingest.max-bytes")
    long maxBytes;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "nianbao.registry.url")
    String registryUrl;

    private volatile FollowWatcher watcher;
    private volatile String startFailure;

    void start(@Observes StartupEvent ignored) {
        if (!enabled) return;
        FollowConfig d = FollowConfig.defaults(bootstrap, registryUrl);
        FollowConfig config = new FollowConfig(FollowConfig.duration(every), FollowConfig.duration(minEvery), FollowConfig.duration(perHost),
                FollowConfig.duration(timeout), FollowConfig.duration(maxBackoff), FollowConfig.duration(recheck), maxPages, maxBytes, userAgent, group,
                bootstrap, registryUrl, d.sourcesTopic(), d.pagesTopic(), Duration.ofMillis(200), concurrency);
        try {
            watcher = new FollowWatcher(config, this::ingest, new Metrics(), Clock.systemUTC()).start();
        } catch (RuntimeException e) {
            startFailure = e.getMessage();
            LOG.errorf(e, "the watcher did not start");
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        FollowWatcher w = watcher;
        if (w != null) w.close();
    }

    private DocumentSink.Outcome ingest(byte[] body, String contentType, String sourceUrl, String publisher, Integer year, String fileName) {
        ReportIngestor.Result r = ingestor.ingest(body, contentType, sourceUrl, publisher, year, fileName).await().atMost(Duration.ofSeconds(60));
        if (r.rejection() != null) return new DocumentSink.Outcome(null, false, r.rejection().getMessage());
        if (r.unpublished() != null) throw new IllegalStateException(r.unpublished());
        return new DocumentSink.Outcome(r.accepted().id(), r.duplicate(), null);
    }

    /** The watcher, or null when it is off or did not start. */
    public FollowWatcher watcher() {
        return watcher;
    }

    public boolean enabled() {
        return enabled;
    }

    public String startFailure() {
        return startFailure;
    }

    private final class Metrics implements FollowListener {
        @Override
        public void polled(String source) {
            metrics.counter("nianbao.follow.polls", "source", source).increment();
        }

        @Override
        public void newReport(String source, String url, String title, String reportId, int version) {
            metrics.counter("nianbao.follow.reports", "source", source, "version", version > 1 ? "new-version" : "new").increment();
        }

        @Override
        public void error(String source, String url, String kind, String message) {
            metrics.counter("nianbao.follow.errors", "source", source, "kind", kind).increment();
        }
    }
}
