package io.pgserve.server.internal.session;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's LISTEN/NOTIFY hub: which sessions listen on which channels, and delivery of a notification to every
 * one of them (the sender included, as in PostgreSQL). Thread-safe; each session decides when to send what it gets
 * (at once when idle, after its transaction block otherwise).
 */
final class NotificationBroker {
    private final Map<String, Set<PgConnection>> listeners = new ConcurrentHashMap<>();

    void listen(String channel, PgConnection session) {
        listeners.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void unlisten(String channel, PgConnection session) {
        listeners.computeIfPresent(channel, (c, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
    }

    void unlistenAll(PgConnection session) {
        for (String channel : listeners.keySet()) {
            unlisten(channel, session);
        }
    }

    /** The number of (channel, session) registrations; 0 once every listener has gone. */
    int registrations() {
        int n = 0;
        for (Set<PgConnection> set : listeners.values()) {
            n += set.size();
        }
        return n;
    }

    /** Delivers to every session listening on {@code channel}. */
    void publish(int senderProcessId, String channel, String payload) {
        Set<PgConnection> set = listeners.get(channel);
        if (set != null) {
            for (PgConnection session : set) {
                session.notificationArrived(senderProcessId, channel, payload);
            }
        }
    }
}
