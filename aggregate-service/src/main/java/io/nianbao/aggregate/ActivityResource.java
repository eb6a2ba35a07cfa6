package io.nianbao.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nianbao.core.json.ReportJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Reports and findings per province in the last hour and the last day, from per-minute windows. */
@Path("/api/activity")
public class ActivityResource {

    @Inject
    KafkaStreams streams;

    @Inject
    AggregateStore store;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Per province: reports and findings (errors and warnings) received in the last hour and the last day")
    public Response activity() {
        try {
            Map<String, long[]> all = local(Instant.now());
            for (String host : store.otherInstances()) merge(all, remote(host));
            return Response.ok(ReportJson.write(json(all)), MediaType.APPLICATION_JSON).build();
        } catch (InvalidStateStoreException | IllegalStateException e) {
            return Response.status(503).type(MediaType.APPLICATION_JSON).entity(Map.of("status", 503, "error", "activity is not queryable right now: " + e.getMessage())).build();
        }
    }

    @GET
    @Path("/local")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This instance's part of the activity (used between instances)")
    public Response local() {
        return Response.ok(ReportJson.write(json(local(Instant.now()))), MediaType.APPLICATION_JSON).build();
    }

    /** province → [reports last hour, findings last hour, reports last day, findings last day] */
    Map<String, long[]> local(Instant now) {
        Map<String, long[]> out = new TreeMap<>();
        ReadOnlyWindowStore<String, List<Long>> windows = streams.store(StoreQueryParameters.fromNameAndType(AggregationTopology.ACTIVITY_STORE, QueryableStoreTypes.windowStore()));
        Instant hourAgo = now.minus(Duration.ofHours(1));
        try (KeyValueIterator<Windowed<String>, List<Long>> it = windows.fetchAll(now.minus(Duration.ofDays(1)), now)) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, List<Long>> kv = it.next();
                long[] counts = out.computeIfAbsent(kv.key.key(), k -> new long[4]);
                counts[2] += kv.value.get(0);
                counts[3] += kv.value.get(1);
                if (!kv.key.window().startTime().isBefore(hourAgo)) {
                    counts[0] += kv.value.get(0);
                    counts[1] += kv.value.get(1);
                }
            }
        }
        return out;
    }

    private static ArrayNode json(Map<String, long[]> all) {
        ArrayNode array = ReportJson.MAPPER.createArrayNode();
        all.forEach((province, c) -> {
            ObjectNode o = array.addObject();
            if (province.equals("unknown")) o.putNull("province");
            else o.put("province", province);
            o.putObject("lastHour").put("reports", c[0]).put("findings", c[1]);
            o.putObject("lastDay").put("reports", c[2]).put("findings", c[3]);
        });
        return array;
    }

    private static void merge(Map<String, long[]> into, Map<String, long[]> from) {
        from.forEach((k, v) -> {
            long[] t = into.computeIfAbsent(k, x -> new long[4]);
            for (int i = 0; i < 4; i++) t[i] += v[i];
        });
    }

    private static Map<String, long[]> remote(String host) {
        Map<String, long[]> out = new TreeMap<>();
        for (JsonNode n : OtherInstances.get(host, "/api/activity/local")) {
            out.put(n.path("province").isNull() ? "unknown" : n.path("province").asText(), new long[] {
                    n.at("/lastHour/reports").asLong(), n.at("/lastHour/findings").asLong(),
                    n.at("/lastDay/reports").asLong(), n.at("/lastDay/findings").asLong()});
        }
        return out;
    }
}
