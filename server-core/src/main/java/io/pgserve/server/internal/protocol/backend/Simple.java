package io.pgserve.server.internal.protocol.backend;

import io.netty.buffer.ByteBuf;

/** The backend messages that are just a type byte and an empty body. */
public enum Simple implements BackendMessage {
    /** EmptyQueryResponse ('I'). */
    EMPTY_QUERY_RESPONSE('I'),
    /** ParseComplete ('1'). */
    PARSE_COMPLETE('1'),
    /** BindComplete ('2'). */
    BIND_COMPLETE('2'),
    /** CloseComplete ('3'). */
    CLOSE_COMPLETE('3'),
    /** NoData ('n'). */
    NO_DATA('n'),
    /** PortalSuspended ('s'). */
    PORTAL_SUSPENDED('s'),
    /** CopyDone ('c'). */
    COPY_DONE('c');

    private final char type;

    Simple(char type) {
        this.type = type;
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeByte(type);
        out.writeInt(4);
    }
}
