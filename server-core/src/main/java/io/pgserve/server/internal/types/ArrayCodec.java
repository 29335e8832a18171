package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.pgserve.server.PgException;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Arrays of any element type, in PostgreSQL's text form ({@code {1,2,NULL}}, quoting, dimensions, lower bounds
 * {@code [0:1]={a,b}}) and binary form (ndim, has-null flag, element OID, dimensions and lower bounds, elements).
 * The element codec reads and writes the elements, in the same format and with the same {@link CodecContext}.
 *
 * <p>Decoding returns a {@link PgArray}. Encoding accepts a {@link PgArray}, a {@link List} or {@code Object[]}
 * (nested ones are sub-arrays), a primitive array other than {@code byte[]}, or a String in PostgreSQL's array
 * syntax.
 *
 * <p>Text input follows PostgreSQL 15's array_in exactly, including its two passes (ArrayCount works out the
 * dimensions and checks the syntax; ReadArrayStr then reads the elements in order) and so its error messages and
 * its treatment of odd inputs.
 */
public final class ArrayCodec implements Codec {
    /** PostgreSQL's MAXDIM. */
    private static final int MAXDIM = PgArray.MAX_DIMENSIONS;
    /** PostgreSQL's MaxArraySize: MaxAllocSize / sizeof(Datum). */
    private static final int MAX_ARRAY_SIZE = 0x3fffffff / 8;
    /** FirstGenbkiObjectId: element OIDs below it are built in and checked on binary input. */
    private static final int FIRST_GENBKI_OBJECT_ID = 10000;

    private final PgType element;
    private final Codec elementCodec;
    private final char delimiter;

    public ArrayCodec(PgType element, Codec elementCodec) {
        this(element, elementCodec, ',');
    }

    /** With the element type's typdelim (',' for every type but box, which uses ';'). */
    public ArrayCodec(PgType element, Codec elementCodec, char delimiter) {
        this.element = element;
        this.elementCodec = elementCodec;
        this.delimiter = delimiter;
    }

    @Override
    public boolean supportsBinary() {
        return elementCodec.supportsBinary();
    }

    // ---------------------------------------------------------------------------------------------- text output

    @Override
    public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
        PgArray a = toArray(value, ctx);
        List<Object> items = a.elements();
        if (items.isEmpty()) {
            out.writeByte('{').writeByte('}');
            return;
        }
        int ndim = a.ndim();
        int[] dims = new int[ndim];
        boolean needDims = false;
        for (int i = 0; i < ndim; i++) {
            dims[i] = a.dimensions().get(i);
            needDims |= a.lowerBounds().get(i) != 1;
        }
        if (needDims) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < ndim; i++) {
                int lb = a.lowerBounds().get(i);
                sb.append('[').append(lb).append(':').append(lb + dims[i] - 1).append(']');
            }
            sb.append('=');
            out.writeCharSequence(sb, StandardCharsets.US_ASCII);
        }
        ByteBuf scratch = out.alloc().buffer();
        try {
            out.writeByte('{');
            int[] index = new int[ndim];
            int j = 0;
            int k = 0;
            do {
                for (int i = j; i < ndim - 1; i++) {
                    out.writeByte('{');
                }
                writeElement(items.get(k++), out, scratch, ctx);
                int i;
                for (i = ndim - 1; i >= 0; i--) {
                    if (++index[i] < dims[i]) {
                        out.writeByte(delimiter);
                        break;
                    }
                    index[i] = 0;
                    out.writeByte('}');
                }
                j = i;
            } while (j != -1);
        } finally {
            scratch.release();
        }
    }

    private void writeElement(Object item, ByteBuf out, ByteBuf scratch, CodecContext ctx) {
        if (item == null) {
            out.writeBytes(NULL_BYTES);
            return;
        }
        scratch.clear();
        elementCodec.encodeText(item, scratch, ctx);
        int start = scratch.readerIndex();
        int end = scratch.writerIndex();
        // UTF-8 continuation bytes are never ASCII, so scanning bytes finds exactly the ASCII characters that matter.
        boolean quote = end == start || isNullWord(scratch, start, end);
        for (int i = start; i < end && !quote; i++) {
            byte b = scratch.getByte(i);
            quote = b == '"' || b == '\\' || b == '{' || b == '}' || b == delimiter || isSpace(b);
        }
        if (!quote) {
            out.writeBytes(scratch, start, end - start);
            return;
        }
        out.writeByte('"');
        for (int i = start; i < end; i++) {
            byte b = scratch.getByte(i);
            if (b == '"' || b == '\\') {
                out.writeByte('\\');
            }
            out.writeByte(b);
        }
        out.writeByte('"');
    }

    private static final byte[] NULL_BYTES = {'N', 'U', 'L', 'L'};

    private static boolean isNullWord(ByteBuf buf, int start, int end) {
        if (end - start != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            int b = buf.getByte(start + i);
            if (b >= 'a' && b <= 'z') {
                b -= 'a' - 'A';
            }
            if (b != NULL_BYTES[i]) {
                return false;
            }
        }
        return true;
    }

    // --------------------------------------------------------------------------------------------- binary output

    @Override
    public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
        PgArray a = toArray(value, ctx);
        out.writeInt(a.ndim());
        out.writeInt(a.hasNulls() ? 1 : 0);
        out.writeInt(element.oid());
        for (int i = 0; i < a.ndim(); i++) {
            out.writeInt(a.dimensions().get(i));
            out.writeInt(a.lowerBounds().get(i));
        }
        for (Object item : a.elements()) {
            if (item == null) {
                out.writeInt(-1);
                continue;
            }
            int lengthAt = out.writerIndex();
            out.writeInt(0);
            elementCodec.encodeBinary(item, out, ctx);
            out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
        }
    }

    /** The value to encode as a PgArray: accepts PgArray, List, Object[], primitive arrays and array literals. */
    private PgArray toArray(Object value, CodecContext ctx) {
        PgArray a;
        if (value instanceof PgArray p) {
            a = p;
        } else if (PgArray.isSubArray(value)) {
            a = value instanceof List<?> list ? PgArray.of(element.oid(), list) : PgArray.ofArray(element.oid(), value);
        } else if (value instanceof CharSequence s) {
            a = parse(s.toString(), ctx);
        } else {
            throw new PgException("42804", "cannot write a " + value.getClass().getName() + " as an array of "
                    + element.name() + "; use PgArray, a List, or a Java array");
        }
        if (a.ndim() > MAXDIM) {
            throw new PgException("54000", "number of array dimensions (" + a.ndim()
                    + ") exceeds the maximum allowed (" + MAXDIM + ")");
        }
        int[] dims = a.dimensions().stream().mapToInt(Integer::intValue).toArray();
        int[] lbs = a.lowerBounds().stream().mapToInt(Integer::intValue).toArray();
        checkBounds(dims.length, dims, lbs);
        return a;
    }

    // ----------------------------------------------------------------------------------------------- text input

    @Override
    public Object decodeText(ByteBuf in, CodecContext ctx) {
        // 22021 as a PgException, like every other codec (Wire's ProtocolException is the framing's).
        String s = ScalarCodec.readString(in);
        return parse(s, ctx);
    }

    /** PostgreSQL's array_in. */
    private PgArray parse(String string, CodecContext ctx) {
        Text t = new Text(string);
        int[] dim = new int[MAXDIM];
        int[] lBound = new int[MAXDIM];
        int ndim = 0;
        int p = 0;
        // Dimension decorations: one or more [n] or [m:n]; whitespace between but not within them.
        for (;;) {
            while (isSpace(t.at(p))) {
                p++;
            }
            if (t.at(p) != '[') {
                break;
            }
            p++;
            if (ndim >= MAXDIM) {
                throw new PgException("54000", "number of array dimensions (" + (ndim + 1)
                        + ") exceeds the maximum allowed (" + MAXDIM + ")");
            }
            int q = skipBound(t, p);
            if (q == p) {
                throw malformed(string, "\"[\" must introduce explicitly-specified array dimensions.");
            }
            if (t.at(q) == ':') {
                lBound[ndim] = atoi(t, p, q);
                p = q + 1;
                q = skipBound(t, p);
                if (q == p) {
                    throw malformed(string, "Missing array dimension value.");
                }
            } else {
                lBound[ndim] = 1;
            }
            if (t.at(q) != ']') {
                throw malformed(string, "Missing \"]\" after array dimensions.");
            }
            int ub = atoi(t, p, q);
            p = q + 1;
            if (ub < lBound[ndim]) {
                throw new PgException("2202E", "upper bound cannot be less than lower bound");
            }
            dim[ndim] = ub - lBound[ndim] + 1;
            ndim++;
        }
        if (ndim == 0) {
            if (t.at(p) != '{') {
                throw malformed(string, "Array value must start with \"{\" or dimension information.");
            }
            ndim = arrayCount(t, p, dim);
            Arrays.fill(lBound, 0, ndim, 1);
        } else {
            if (t.at(p) != '=') {
                throw malformed(string, "Missing \"=\" after array dimensions.");
            }
            p++;
            while (isSpace(t.at(p))) {
                p++;
            }
            if (t.at(p) != '{') {
                throw malformed(string, "Array contents must start with \"{\".");
            }
            int[] dimBraces = new int[MAXDIM];
            int ndimBraces = arrayCount(t, p, dimBraces);
            if (ndimBraces != ndim) {
                throw malformed(string, "Specified array dimensions do not match array contents.");
            }
            for (int i = 0; i < ndim; i++) {
                if (dim[i] != dimBraces[i]) {
                    throw malformed(string, "Specified array dimensions do not match array contents.");
                }
            }
        }
        int nitems = nItems(ndim, dim);
        checkBounds(ndim, dim, lBound);
        if (nitems == 0) {
            return PgArray.empty(element.oid());
        }
        Object[] values = readArrayStr(t, p, string, nitems, ndim, dim, ctx);
        List<Integer> dims = new ArrayList<>(ndim);
        List<Integer> lbs = new ArrayList<>(ndim);
        for (int i = 0; i < ndim; i++) {
            dims.add(dim[i]);
            lbs.add(lBound[i]);
        }
        return new PgArray(element.oid(), dims, lbs, Arrays.asList(values));
    }

    /** The characters of an input string, with C's end-of-string: {@code at} past the end is 0. */
    private static final class Text {
        final char[] chars;

        Text(String s) {
            chars = s.toCharArray();
        }

        char at(int i) {
            return i < chars.length ? chars[i] : 0;
        }

        String from(int start) {
            int end = start;
            while (end < chars.length && chars[end] != 0) {
                end++;
            }
            return new String(chars, start, end - start);
        }
    }

    private static int skipBound(Text t, int p) {
        int q = p;
        for (char c = t.at(q); (c >= '0' && c <= '9') || c == '-' || c == '+'; c = t.at(++q)) {
            // digits and signs, as array_in scans them
        }
        return q;
    }

    /** C's atoi on chars [p, q): strtol's optional sign and digits, clamped to long, then cut to int. */
    private static int atoi(Text t, int p, int q) {
        int i = p;
        boolean negative = false;
        if (i < q && (t.at(i) == '+' || t.at(i) == '-')) {
            negative = t.at(i) == '-';
            i++;
        }
        long v = 0;
        boolean overflow = false;
        for (; i < q && t.at(i) >= '0' && t.at(i) <= '9'; i++) {
            int d = t.at(i) - '0';
            if (!overflow) {
                if (v > (Long.MAX_VALUE - d) / 10) {
                    overflow = true;
                } else {
                    v = v * 10 + d;
                }
            }
        }
        if (overflow) {
            v = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        } else if (negative) {
            v = -v;
        }
        return (int) v;
    }

    /** ArrayCount's parse states. */
    private enum State {
        NO_LEVEL, LEVEL_STARTED, ELEM_STARTED, ELEM_COMPLETED, QUOTED_ELEM_STARTED, QUOTED_ELEM_COMPLETED,
        ELEM_DELIMITED, LEVEL_COMPLETED, LEVEL_DELIMITED
    }

    /**
     * PostgreSQL's ArrayCount: checks the brace structure starting at {@code start} and works out the number of
     * dimensions (returned) and their lengths (into {@code dim}); 0 for an empty array. Its error messages quote the
     * input from {@code start} on.
     */
    private int arrayCount(Text t, int start, int[] dim) {
        String str = t.from(start);
        int nestLevel = 0;
        int ndim = 1;
        int[] temp = new int[MAXDIM];
        int[] nelems = new int[MAXDIM];
        int[] nelemsLast = new int[MAXDIM];
        Arrays.fill(nelems, 1);
        Arrays.fill(dim, 0);
        boolean inQuotes = false;
        boolean eoArray = false;
        boolean emptyArray = true;
        State state = State.NO_LEVEL;
        int ptr = start;
        while (!eoArray) {
            boolean itemDone = false;
            while (!itemDone) {
                if (state == State.ELEM_STARTED || state == State.QUOTED_ELEM_STARTED) {
                    emptyArray = false;
                }
                char c = t.at(ptr);
                switch (c) {
                    case 0:
                        throw malformed(str, "Unexpected end of input.");
                    case '\\':
                        if (state != State.LEVEL_STARTED && state != State.ELEM_STARTED
                                && state != State.QUOTED_ELEM_STARTED && state != State.ELEM_DELIMITED) {
                            throw malformed(str, "Unexpected \"\\\" character.");
                        }
                        if (state != State.QUOTED_ELEM_STARTED) {
                            state = State.ELEM_STARTED;
                        }
                        if (t.at(ptr + 1) != 0) {
                            ptr++;
                        } else {
                            throw malformed(str, "Unexpected end of input.");
                        }
                        break;
                    case '"':
                        if (state != State.LEVEL_STARTED && state != State.QUOTED_ELEM_STARTED
                                && state != State.ELEM_DELIMITED) {
                            throw malformed(str, "Unexpected array element.");
                        }
                        inQuotes = !inQuotes;
                        state = inQuotes ? State.QUOTED_ELEM_STARTED : State.QUOTED_ELEM_COMPLETED;
                        break;
                    case '{':
                        if (!inQuotes) {
                            if (state != State.NO_LEVEL && state != State.LEVEL_STARTED
                                    && state != State.LEVEL_DELIMITED) {
                                throw malformed(str, "Unexpected \"{\" character.");
                            }
                            state = State.LEVEL_STARTED;
                            if (nestLevel >= MAXDIM) {
                                throw new PgException("54000", "number of array dimensions (" + (nestLevel + 1)
                                        + ") exceeds the maximum allowed (" + MAXDIM + ")");
                            }
                            temp[nestLevel] = 0;
                            nestLevel++;
                            if (ndim < nestLevel) {
                                ndim = nestLevel;
                            }
                        }
                        break;
                    case '}':
                        if (!inQuotes) {
                            if (state != State.ELEM_STARTED && state != State.ELEM_COMPLETED
                                    && state != State.QUOTED_ELEM_COMPLETED && state != State.LEVEL_COMPLETED
                                    && !(nestLevel == 1 && state == State.LEVEL_STARTED)) {
                                throw malformed(str, "Unexpected \"}\" character.");
                            }
                            state = State.LEVEL_COMPLETED;
                            if (nestLevel == 0) {
                                throw malformed(str, "Unmatched \"}\" character.");
                            }
                            nestLevel--;
                            if (nelemsLast[nestLevel] != 0 && nelems[nestLevel] != nelemsLast[nestLevel]) {
                                throw malformed(str,
                                        "Multidimensional arrays must have sub-arrays with matching dimensions.");
                            }
                            nelemsLast[nestLevel] = nelems[nestLevel];
                            nelems[nestLevel] = 1;
                            if (nestLevel == 0) {
                                eoArray = true;
                                itemDone = true;
                            } else {
                                temp[nestLevel - 1]++;
                            }
                        }
                        break;
                    default:
                        if (!inQuotes) {
                            if (c == delimiter) {
                                if (state != State.ELEM_STARTED && state != State.ELEM_COMPLETED
                                        && state != State.QUOTED_ELEM_COMPLETED && state != State.LEVEL_COMPLETED) {
                                    throw malformed(str, "Unexpected \"" + delimiter + "\" character.");
                                }
                                state = state == State.LEVEL_COMPLETED ? State.LEVEL_DELIMITED
                                        : State.ELEM_DELIMITED;
                                itemDone = true;
                                nelems[nestLevel - 1]++;
                            } else if (!isSpace(c)) {
                                if (state != State.LEVEL_STARTED && state != State.ELEM_STARTED
                                        && state != State.ELEM_DELIMITED) {
                                    throw malformed(str, "Unexpected array element.");
                                }
                                state = State.ELEM_STARTED;
                            }
                        }
                        break;
                }
                if (!itemDone) {
                    ptr++;
                }
            }
            temp[ndim - 1]++;
            ptr++;
        }
        // only whitespace is allowed after the closing brace
        for (char c = t.at(ptr); c != 0; c = t.at(++ptr)) {
            if (!isSpace(c)) {
                throw malformed(str, "Junk after closing right brace.");
            }
        }
        if (emptyArray) {
            return 0;
        }
        System.arraycopy(temp, 0, dim, 0, ndim);
        return ndim;
    }

    /**
     * PostgreSQL's ReadArrayStr: reads the elements (removing quotes and backslashes, dropping unquoted leading and
     * trailing whitespace, recognizing unquoted NULL) into their places; places no element fills stay NULL.
     */
    private Object[] readArrayStr(Text t, int start, String origStr, int nitems, int ndim, int[] dim,
                                  CodecContext ctx) {
        int[] prod = new int[ndim];
        prod[ndim - 1] = 1;
        for (int i = ndim - 2; i >= 0; i--) {
            prod[i] = prod[i + 1] * dim[i + 1];
        }
        int[] indx = new int[MAXDIM];
        Object[] values = new Object[nitems];
        int nestLevel = 0;
        boolean inQuotes = false;
        boolean eoArray = false;
        int src = start;
        StringBuilder item = new StringBuilder();
        while (!eoArray) {
            boolean itemDone = false;
            boolean leadingSpace = true;
            boolean hasQuoting = false;
            int i = -1;
            item.setLength(0);
            int itemEnd = 0;
            while (!itemDone) {
                char c = t.at(src);
                switch (c) {
                    case 0:
                        throw malformed(origStr, null);
                    case '\\':
                        src++;
                        if (t.at(src) == 0) {
                            throw malformed(origStr, null);
                        }
                        item.append(t.at(src++));
                        leadingSpace = false;
                        itemEnd = item.length();
                        hasQuoting = true;
                        break;
                    case '"':
                        inQuotes = !inQuotes;
                        if (inQuotes) {
                            leadingSpace = false;
                        } else {
                            itemEnd = item.length();
                        }
                        hasQuoting = true;
                        src++;
                        break;
                    case '{':
                        if (!inQuotes) {
                            if (nestLevel >= ndim) {
                                throw malformed(origStr, null);
                            }
                            nestLevel++;
                            indx[nestLevel - 1] = 0;
                            src++;
                        } else {
                            item.append(c);
                            src++;
                        }
                        break;
                    case '}':
                        if (!inQuotes) {
                            if (nestLevel == 0) {
                                throw malformed(origStr, null);
                            }
                            if (i == -1) {
                                i = offset(ndim, indx, prod);
                            }
                            indx[nestLevel - 1] = 0;
                            nestLevel--;
                            if (nestLevel == 0) {
                                eoArray = true;
                                itemDone = true;
                            } else {
                                indx[nestLevel - 1]++;
                            }
                            src++;
                        } else {
                            item.append(c);
                            src++;
                        }
                        break;
                    default:
                        if (inQuotes) {
                            item.append(c);
                            src++;
                        } else if (c == delimiter) {
                            if (i == -1) {
                                i = offset(ndim, indx, prod);
                            }
                            itemDone = true;
                            indx[ndim - 1]++;
                            src++;
                        } else if (isSpace(c)) {
                            if (!leadingSpace) {
                                item.append(c);
                            }
                            src++;
                        } else {
                            item.append(c);
                            src++;
                            leadingSpace = false;
                            itemEnd = item.length();
                        }
                        break;
                }
            }
            item.setLength(itemEnd);
            if (i < 0 || i >= nitems) {
                throw malformed(origStr, null);
            }
            if (!hasQuoting && item.length() == 4 && item.toString().equalsIgnoreCase("NULL")) {
                values[i] = null;
            } else {
                values[i] = decodeElementText(item.toString(), ctx);
            }
        }
        return values;
    }

    private static int offset(int ndim, int[] indx, int[] prod) {
        int offset = 0;
        for (int i = 0; i < ndim; i++) {
            offset += indx[i] * prod[i];
        }
        return offset;
    }

    private Object decodeElementText(String text, CodecContext ctx) {
        ByteBuf buf = Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
        try {
            return elementCodec.decodeText(buf, ctx);
        } finally {
            buf.release();
        }
    }

    // --------------------------------------------------------------------------------------------- binary input

    /** PostgreSQL's array_recv and ReadArrayBinary. */
    @Override
    public Object decodeBinary(ByteBuf in, CodecContext ctx) {
        int ndim = readInt(in);
        if (ndim < 0) {
            throw new PgException("22P03", "invalid number of dimensions: " + ndim);
        }
        if (ndim > MAXDIM) {
            throw new PgException("54000", "number of array dimensions (" + ndim + ") exceeds the maximum allowed ("
                    + MAXDIM + ")");
        }
        int flags = readInt(in);
        if (flags != 0 && flags != 1) {
            throw new PgException("22P03", "invalid array flags");
        }
        long elementType = readInt(in) & 0xffffffffL;
        if (elementType != element.oid() && elementType < FIRST_GENBKI_OBJECT_ID
                && element.oid() < FIRST_GENBKI_OBJECT_ID) {
            throw new PgException("42804", "binary data has array element type " + elementType + " ("
                    + formatType(elementType) + ") instead of expected " + element.oid() + " ("
                    + formatType(element.oid()) + ")");
        }
        int[] dim = new int[ndim];
        int[] lBound = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            dim[i] = readInt(in);
            lBound[i] = readInt(in);
        }
        int nitems = nItems(ndim, dim);
        checkBounds(ndim, dim, lBound);
        PgArray result;
        if (nitems == 0) {
            result = PgArray.empty(element.oid());
        } else {
            Object[] values = new Object[nitems];
            for (int i = 0; i < nitems; i++) {
                int itemLength = readInt(in);
                if (itemLength < -1 || itemLength > in.readableBytes()) {
                    throw new PgException("22P03", "insufficient data left in message");
                }
                if (itemLength == -1) {
                    continue;
                }
                ByteBuf item = in.readSlice(itemLength);
                values[i] = elementCodec.decodeBinary(item, ctx);
                if (item.isReadable()) {
                    throw new PgException("22P03", "improper binary format in array element " + (i + 1));
                }
            }
            List<Integer> dims = new ArrayList<>(ndim);
            List<Integer> lbs = new ArrayList<>(ndim);
            for (int i = 0; i < ndim; i++) {
                dims.add(dim[i]);
                lbs.add(lBound[i]);
            }
            result = new PgArray(element.oid(), dims, lbs, Arrays.asList(values));
        }
        if (in.isReadable()) {
            // what exec_bind_message says when the receive function leaves bytes unread
            throw new PgException("22P03", "incorrect binary data format");
        }
        return result;
    }

    /** pq_getmsgint(buf, 4). */
    private static int readInt(ByteBuf in) {
        if (in.readableBytes() < 4) {
            throw new PgException("08P01", "insufficient data left in message");
        }
        return in.readInt();
    }

    // ------------------------------------------------------------------------------------------------- shared

    /** PostgreSQL's ArrayGetNItems: the number of elements, or 54000 when over MaxArraySize. */
    private static int nItems(int ndim, int[] dims) {
        if (ndim <= 0) {
            return 0;
        }
        long ret = 1;
        for (int i = 0; i < ndim; i++) {
            if (dims[i] < 0) {
                throw tooLarge();
            }
            ret *= dims[i];
            if (ret > Integer.MAX_VALUE) {
                throw tooLarge();
            }
        }
        if (ret > MAX_ARRAY_SIZE) {
            throw tooLarge();
        }
        return (int) ret;
    }

    private static PgException tooLarge() {
        return new PgException("54000", "array size exceeds the maximum allowed (" + MAX_ARRAY_SIZE + ")");
    }

    /** PostgreSQL's ArrayCheckBounds: the upper bound (lower bound + length - 1) must fit in an int. */
    private static void checkBounds(int ndim, int[] dims, int[] lb) {
        for (int i = 0; i < ndim; i++) {
            if ((long) dims[i] + lb[i] > Integer.MAX_VALUE) {
                throw new PgException("54000", "array lower bound is too large: " + lb[i]);
            }
        }
    }

    /** array_isspace: the ASCII white space, whatever the locale. */
    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static PgException malformed(String input, String detail) {
        PgException.Builder b = PgException.builder("22P02", "malformed array literal: \"" + input + "\"");
        if (detail != null) {
            b.detail(detail);
        }
        return b.build();
    }

    /** format_type(oid, NULL) for the built-in types, for the element-type mismatch message. */
    private static String formatType(long oid) {
        return FORMAT_TYPE.getOrDefault((int) oid, "???");
    }

    private static final Map<Integer, String> FORMAT_TYPE = Map.ofEntries(
            Map.entry(16, "boolean"), Map.entry(17, "bytea"), Map.entry(18, "\"char\""), Map.entry(19, "name"),
            Map.entry(20, "bigint"), Map.entry(21, "smallint"), Map.entry(22, "int2vector"),
            Map.entry(23, "integer"), Map.entry(24, "regproc"), Map.entry(25, "text"), Map.entry(26, "oid"),
            Map.entry(27, "tid"), Map.entry(28, "xid"), Map.entry(29, "cid"), Map.entry(30, "oidvector"),
            Map.entry(114, "json"), Map.entry(142, "xml"), Map.entry(600, "point"), Map.entry(601, "lseg"),
            Map.entry(602, "path"), Map.entry(603, "box"), Map.entry(604, "polygon"), Map.entry(628, "line"),
            Map.entry(650, "cidr"), Map.entry(700, "real"), Map.entry(701, "double precision"),
            Map.entry(705, "unknown"), Map.entry(718, "circle"), Map.entry(774, "macaddr8"),
            Map.entry(790, "money"), Map.entry(829, "macaddr"), Map.entry(869, "inet"),
            Map.entry(1042, "character"), Map.entry(1043, "character varying"), Map.entry(1082, "date"),
            Map.entry(1083, "time without time zone"), Map.entry(1114, "timestamp without time zone"),
            Map.entry(1184, "timestamp with time zone"), Map.entry(1186, "interval"),
            Map.entry(1266, "time with time zone"), Map.entry(1560, "bit"), Map.entry(1562, "bit varying"),
            Map.entry(1700, "numeric"), Map.entry(1790, "refcursor"), Map.entry(2205, "regclass"),
            Map.entry(2206, "regtype"), Map.entry(2950, "uuid"), Map.entry(3220, "pg_lsn"),
            Map.entry(3614, "tsvector"), Map.entry(3615, "tsquery"), Map.entry(3802, "jsonb"),
            Map.entry(3904, "int4range"), Map.entry(3906, "numrange"), Map.entry(3908, "tsrange"),
            Map.entry(3910, "tstzrange"), Map.entry(3912, "daterange"), Map.entry(3926, "int8range"),
            Map.entry(4089, "regnamespace"), Map.entry(4096, "regrole"), Map.entry(5069, "xid8"));

    @Override
    public String toString() {
        return "array of " + element.name();
    }
}
