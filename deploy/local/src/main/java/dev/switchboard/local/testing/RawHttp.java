package dev.switchboard.local.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** Sends an {@link HttpCall} over a plain socket and reads the answer as the server wrote it. */
public final class RawHttp {

    private static final int TIMEOUT_MS = 30_000;

    private RawHttp() {
    }

    /** The status line, headers (names in lower case) and body of an answer; status 0 when none came. */
    public record Answer(int status, Map<String, String> headers, byte[] body, String failure) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Writes the request while reading the answer: a server that refuses a request before reading all of it answers and
     * closes, and the answer must be read before the reset that the unread rest causes.
     */
    public static Answer exchange(int port, HttpCall call) {
        byte[] request = call.bytes(port);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    out.write(request);
                    out.flush();
                } catch (IOException refusedMidWay) {
                    // The server answered and closed before taking all of it; the answer says why.
                }
            });
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            String failure = readAll(socket.getInputStream(), received);
            written.join();
            return parse(received.toByteArray(), failure);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach localhost:" + port, e);
        }
    }

    private static String readAll(InputStream in, ByteArrayOutputStream received) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
            return null;
        } catch (SocketException reset) {
            return reset.getMessage();
        }
    }

    private static Answer parse(byte[] raw, String failure) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            return new Answer(0, Map.of(), raw, failure == null ? "no complete answer" : failure);
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, body, failure);
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String sizeField = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeField, 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, 0, pattern);
    }

    private static int indexOf(byte[] data, int from, byte[] pattern) {
        outer: for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
