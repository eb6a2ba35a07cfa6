package io.nianbao.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ids seen lately, so a report posted twice is published once. Bounded: the oldest are forgotten. */
public final class RecentIds {

    private final Map<String, Boolean> ids;

    public RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records the id; true when it was new. */
    public synchronized boolean add(String id) {
        return ids.put(id, Boolean.TRUE) == null;
    }

    public synchronized void forget(String id) {
        ids.remove(id);
    }
}
