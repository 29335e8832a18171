package io.pgserve.server.internal.trace;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes one line per protocol message, in both directions, for one connection. It sits first in the pipeline, so
 * TLS (added in front of it by STARTTLS) hands it plaintext, and it frames what it sees on its own: the startup phase
 * (SSLRequest and its one-byte answer, GSSENCRequest, CancelRequest, the startup packet), then typed messages. It
 * never consumes, alters, retains or releases a buffer: every read and write is passed on exactly as it came.
 *
 * <p>With a session filter, lines are held until the startup packet, which decides: a session that is not traced
 * has the handler removed from its pipeline at once. A failure in the tracer (a sink that throws) turns tracing off
 * for the connection and never disturbs the session.
 */
public final class WireTraceHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(WireTraceHandler.class);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final TraceSettings settings;
    private final int id;
    private final TraceFramer frontend;
    private final TraceFramer backend;
    private ChannelHandlerContext ctx;
    private long openedAt = -1;
    private boolean decided;
    private boolean off;
    private boolean removeAfterRead;
    private boolean closed;
    private List<String> held = new ArrayList<>();
    private int rowRun;

    public WireTraceHandler(TraceSettings settings) {
        this.settings = settings;
        this.id = settings.ids().getAsInt();
        this.decided = settings.filter() == null;
        int max = settings.maxMessageBytes();
        this.frontend = new TraceFramer(true, (type, length) -> type != 'p' && length <= max, new Frontend());
        this.backend = new TraceFramer(false, (type, length) -> length <= max && type != 'd'
                && (type != 'D' || settings.fullDataRows()), new Backend());
    }

    /** This connection's id in the trace. */
    public int connectionId() {
        return id;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            opened();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        opened();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!off && msg instanceof ByteBuf buf) {
            try {
                opened();
                frontend.feed(buf);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        ctx.fireChannelRead(msg);
        if (removeAfterRead) {
            removeAfterRead = false;
            if (ctx.pipeline().context(this) != null) {
                ctx.pipeline().remove(this);
            }
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!off) {
            ByteBuf buf = msg instanceof ByteBuf b ? b : msg instanceof ByteBufHolder h ? h.content() : null;
            if (buf != null) {
                try {
                    opened();
                    backend.feed(buf);
                } catch (RuntimeException e) {
                    failed(e);
                }
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!off && !closed) {
            closed = true;
            try {
                flushRows();
                emit("----", "closed");
            } catch (RuntimeException e) {
                failed(e);
            }
            held = null; // never chosen: no startup packet came
        }
        super.channelInactive(ctx);
    }

    private void opened() {
        if (openedAt >= 0) {
            return;
        }
        openedAt = System.nanoTime();
        SocketAddress remote = ctx == null ? null : ctx.channel().remoteAddress();
        emitLine(id + " ---- connect " + LocalTime.now().format(CLOCK) + (remote == null ? "" : " " + remote));
    }

    private void emit(String direction, String text) {
        StringBuilder line = new StringBuilder(text.length() + 24).append(id);
        if (settings.timings()) {
            long micros = (System.nanoTime() - openedAt) / 1000;
            long frac = micros % 1000;
            line.append(" +").append(micros / 1000).append('.').append(frac < 10 ? "00" : frac < 100 ? "0" : "")
                    .append(frac).append("ms");
        }
        emitLine(line.append(' ').append(direction).append(' ').append(text).toString());
    }

    private void emitLine(String line) {
        if (off) {
            return;
        }
        if (!decided) {
            if (held != null) {
                held.add(line);
            }
            return;
        }
        settings.out().accept(line);
    }

    private void decide(Map<String, String> parameters, boolean cancelRequest) {
        if (decided) {
            return;
        }
        decided = true;
        boolean trace;
        try {
            trace = settings.filter().trace(ctx == null ? null : ctx.channel().remoteAddress(), parameters,
                    cancelRequest);
        } catch (RuntimeException e) {
            log.warn("wire trace session filter failed; connection {} is not traced", id, e);
            trace = false;
        }
        List<String> lines = held;
        held = null;
        if (!trace) {
            off = true;
            removeAfterRead = true;
            return;
        }
        for (String line : lines) {
            settings.out().accept(line);
        }
    }

    private void failed(RuntimeException e) {
        off = true;
        held = null;
        log.warn("wire trace of connection {} failed and stopped", id, e);
    }

    private void flushRows() {
        if (rowRun > 0) {
            int n = rowRun;
            rowRun = 0;
            emit("B<", "  (" + n + " DataRow)");
        }
    }

    private final class Frontend implements TraceFramer.Listener {
        @Override
        public void startupPacket(byte[] body) {
            flushRows();
            String text = TraceFormat.startup(body);
            emit("F>", text);
            switch (text) {
                case "SSLRequest":
                case "GSSENCRequest":
                    backend.expectSingleByte();
                    break;
                case "CancelRequest":
                    frontend.stop();
                    decide(Map.of(), true);
                    break;
                default:
                    frontend.endStartupPhase();
                    decide(TraceFormat.startupParameters(body), false);
            }
        }

        @Override
        public void message(char type, byte[] body, int length) {
            flushRows();
            emit("F>", body == null ? TraceFormat.unrecorded(true, type, length) : TraceFormat.frontend(type, body));
        }

        @Override
        public void singleByte(byte answer) {
            // never expected from the client
        }

        @Override
        public void garbage(String why) {
            flushRows();
            emit("F>", "<" + why + ">");
        }
    }

    private final class Backend implements TraceFramer.Listener {
        @Override
        public void startupPacket(byte[] body) {
            // the server has no startup phase
        }

        @Override
        public void message(char type, byte[] body, int length) {
            if (type == 'D' && !settings.fullDataRows()) {
                rowRun++;
                return;
            }
            flushRows();
            emit("B<", body == null ? TraceFormat.unrecorded(false, type, length) : TraceFormat.backend(type, body));
        }

        @Override
        public void singleByte(byte answer) {
            flushRows();
            emit("B<", "SSL/GSS reply " + PyLiteral.bytes(new byte[] {answer}, 0, 1));
        }

        @Override
        public void garbage(String why) {
            flushRows();
            emit("B<", "<" + why + ">");
        }
    }
}
