package dev.switchboard.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;

/**
 * Refuses JSON bytes that are not well-formed UTF-8 before Jackson reads them. Jackson decodes overlong forms
 * ({@code C0 AF} as "/") and code points past U+10FFFF without complaint; the JDK's decoder refuses them, so every
 * byte that is not ASCII is passed through it, a buffer at a time, in constant memory.
 */
final class StrictUtf8 extends InputDecorator {

    private static final int CHUNK = 8192;

    @Override
    public InputStream decorate(IOContext context, InputStream in) {
        return new CheckedStream(in);
    }

    @Override
    public InputStream decorate(IOContext context, byte[] source, int offset, int length) throws IOException {
        Check check = new Check();
        check.feed(ByteBuffer.wrap(source, offset, length), true);
        return null;
    }

    @Override
    public Reader decorate(IOContext context, Reader reader) {
        return reader;
    }

    /**
     * One pass over the bytes. A run of ASCII bytes is valid UTF-8 by itself and is stepped over; the JDK's decoder,
     * made on the first other byte, checks the rest into a small buffer whose characters are dropped. Most bodies are
     * all ASCII, and a decoder with a buffer per parse was a fifth of what the router and the adapters allocated.
     */
    private static final class Check {

        private static final int SINK = 256;

        private CharsetDecoder decoder;
        private CharBuffer sink;
        private long offset;

        /** Checks what it can; bytes of a sequence cut at the end of the buffer are left in it for the next call. */
        void feed(ByteBuffer bytes, boolean last) throws JsonParseException {
            while (true) {
                offset += skipAscii(bytes);
                if (!bytes.hasRemaining()) {
                    break;
                }
                int before = bytes.position();
                CoderResult result = decoder().decode(bytes, sink, last);
                offset += bytes.position() - before;
                sink.clear();
                if (result.isError()) {
                    throw new JsonParseException(null, "Invalid UTF-8 at byte " + offset
                            + ": JSON must be well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF)");
                }
                if (result.isUnderflow()) {
                    break;
                }
            }
            // UTF-8's decoder keeps no state between calls (a cut sequence stays in the buffer), so nothing to flush.
            if (last && bytes.hasRemaining()) {
                throw new JsonParseException(null, "Invalid UTF-8: the body ends inside a character");
            }
        }

        private CharsetDecoder decoder() {
            if (decoder == null) {
                decoder = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
                sink = CharBuffer.allocate(SINK);
            }
            return decoder;
        }

        /** Moves past the ASCII bytes at the buffer's position and says how many there were (heap buffers only). */
        private static int skipAscii(ByteBuffer bytes) {
            byte[] array = bytes.array();
            int base = bytes.arrayOffset();
            int start = bytes.position();
            int end = bytes.limit();
            int at = start;
            while (at < end && array[base + at] >= 0) {
                at++;
            }
            bytes.position(at);
            return at - start;
        }
    }

    /** Checks a stream as it is read; at its end, a character left unfinished is an error too. */
    private static final class CheckedStream extends FilterInputStream {

        private final Check check = new Check();
        private final ByteBuffer pending = ByteBuffer.allocate(CHUNK + 4);
        private boolean ended;

        CheckedStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, Math.min(length, CHUNK));
            if (n > 0) {
                pending.put(buffer, offset, n).flip();
                check.feed(pending, false);
                pending.compact();
            } else if (n < 0 && !ended) {
                ended = true;
                pending.flip();
                check.feed(pending, true);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes would go unchecked; Jackson never skips, and nothing else reads through here.
            throw new IOException("skipping is not supported");
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
