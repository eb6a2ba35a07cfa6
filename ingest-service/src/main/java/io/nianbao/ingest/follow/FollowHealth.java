package io.nianbao.ingest.follow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The watcher's state in ingest's health ({@code /q/health}, which {@code ./nianbao status} reads):
 * sources followed, those this instance polls, those failing, the reports brought, the last poll. It
 * is DOWN only when the watcher itself is broken (it did not start, or a thread stopped: say, its
 * topics do not exist), never because a publisher's site fails (that shows in {@code failing} and in
 * {@code ./nianbao sources list}) nor while it reads its topics at start ({@code watcher: starting}).
 */
@Readiness
@ApplicationScoped
public class FollowHealth implements HealthCheck {

    @Inject
    FollowService service;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("follow-publishers");
        if (!service.enabled()) return b.up().withData("watcher", "off (nianbao.follow.enabled=false)").build();
        FollowWatcher w = service.watcher();
        if (w == null) return b.down().withData("watcher", "did not start: " + service.startFailure()).build();
        List<FollowWatcher.SourceView> views = w.views();
        long failing = views.stream().filter(v -> !v.status().equals("ok") && !v.status().equals("not-modified") && !v.status().equals("not polled yet")).count();
        b.withData("sources", views.size())
                .withData("polledHere", views.stream().filter(FollowWatcher.SourceView::ownedHere).count())
                .withData("failing", failing)
                .withData("reports", views.stream().mapToLong(FollowWatcher.SourceView::reports).sum());
        views.stream().map(FollowWatcher.SourceView::lastPoll).filter(java.util.Objects::nonNull).max(java.util.Comparator.naturalOrder())
                .ifPresent(t -> b.withData("lastPoll", t.toString()));
        String problem = w.problem();
        if (problem != null && !w.loaded() && !problem.startsWith("a watcher thread")) return b.up().withData("watcher", "starting: " + problem).build();
        if (problem != null) return b.down().withData("watcher", problem).build();
        return b.up().withData("watcher", "following").build();
    }
}
