package io.pgserve.server.internal.trace;

import java.net.SocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * What a {@link WireTraceHandler} needs from the public {@code WireTrace}: where entries go, which sessions to trace,
 * and how much to print.
 *
 * @param out             receives one entry per message (without a trailing newline; multi-line SQL stays multi-line)
 * @param filter          decides, at the startup packet, whether the session is traced; null traces all
 * @param timings         whether lines carry the time since the connection opened
 * @param fullDataRows    DataRow messages in full instead of {@code (N DataRow)} runs
 * @param maxMessageBytes bodies larger than this are summarised by size and not kept
 * @param ids             hands out connection ids
 */
public record TraceSettings(Consumer<String> out, SessionFilter filter, boolean timings, boolean fullDataRows,
                            int maxMessageBytes, IntSupplier ids) {
    public TraceSettings {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(ids, "ids");
    }

    /** Chooses sessions to trace, from the startup packet. */
    @FunctionalInterface
    public interface SessionFilter {
        /**
         * @param parameters    the startup packet's parameters (empty for a CancelRequest)
         * @param cancelRequest whether the connection carries a CancelRequest instead of a startup packet
         */
        boolean trace(SocketAddress remote, Map<String, String> parameters, boolean cancelRequest);
    }
}
