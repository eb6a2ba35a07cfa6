package io.nianbao.aggregate;

import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/live")
public class LiveResource {

    @Inject
    LiveFeed feed;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-sent events: 'aggregate' for each aggregate change, 'issue' for each new validation issue, 'ping' every 20 s")
    public Multi<OutboundSseEvent> live(@Context Sse sse) {
        Multi<OutboundSseEvent> events = feed.events().map(e -> sse.newEventBuilder().name(e.name()).data(e.json())
                .mediaType(MediaType.APPLICATION_JSON_TYPE).build());
        // a comment now and then keeps proxies from closing a quiet stream
        Multi<OutboundSseEvent> pings = Multi.createFrom().ticks().every(Duration.ofSeconds(20))
                .map(t -> sse.newEventBuilder().name("ping").data("{}").build());
        return Multi.createBy().merging().streams(events, pings);
    }
}
