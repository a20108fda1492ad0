package dev.switchboard.adapters.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A provider that breaks its streams, on a raw socket so that it can do what an HTTP stub cannot: it answers every
 * streamed call of the four protocols (OpenAI's and Gemini's server-sent events, Anthropic's named events, Ollama's
 * JSON lines) with the protocol's opening and one content event, then breaks the stream the way the request's text
 * names: {@link #RESET} (a TCP reset), {@link #NO_END} (the connection closes without the end marker),
 * {@link #MALFORMED} (an event that is not JSON), {@link #ERROR_EVENT} (the provider's own error event) or
 * {@link #STALL} (silence, longer than the adapters' idle timeout in tests). A request naming {@link #FAIL_AT_ONCE}
 * gets a 500 before any content.
 */
public class BrokenStreamServer implements QuarkusTestResourceLifecycleManager {

    public static final String RESET = "break-reset";
    public static final String NO_END = "break-no-end";
    public static final String MALFORMED = "break-malformed";
    public static final String ERROR_EVENT = "break-error-event";
    public static final String STALL = "break-stall";
    public static final String FAIL_AT_ONCE = "break-before-content";
    /** The text of the one content event every broken stream sends: 11 characters. */
    public static final String CONTENT = "Hello there";

    private ServerSocket server;
    private Thread thread;

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        thread = new Thread(this::serve, "broken-stream-server");
        thread.setDaemon(true);
        thread.start();
        String url = "http://127.0.0.1:" + server.getLocalPort();
        return Map.of(
                "switchboard.providers.openai.base-url", url + "/v1",
                "switchboard.providers.openai.api-key", "sk-test-0123456789abcdefghijklmnop",
                "switchboard.providers.anthropic.base-url", url,
                "switchboard.providers.anthropic.api-key", "sk-ant-test-0123456789abcdefghijklmnop",
                "switchboard.providers.gemini.base-url", url,
                "switchboard.providers.gemini.api-key", "AIzaTEST0123456789abcdefghijklmnopqrstu",
                "switchboard.providers.ollama.base-url", url);
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> answer(socket), "broken-stream-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try (socket) {
            String request = readRequest(socket.getInputStream());
            String path = request.substring(request.indexOf(' ') + 1, request.indexOf(' ', request.indexOf(' ') + 1));
            OutputStream out = socket.getOutputStream();
            if (request.contains(FAIL_AT_ONCE)) {
                byte[] body = "{\"error\":{\"message\":\"upstream exploded\",\"type\":\"server_error\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(body);
                out.flush();
                return;
            }
            Protocol protocol = Protocol.of(path);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + protocol.contentType
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(protocol.opening.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (request.contains(RESET)) {
                socket.setSoLinger(true, 0);
            } else if (request.contains(MALFORMED)) {
                out.write(protocol.malformed.getBytes(StandardCharsets.UTF_8));
            } else if (request.contains(ERROR_EVENT)) {
                out.write(protocol.error.getBytes(StandardCharsets.UTF_8));
            } else if (request.contains(STALL)) {
                Thread.sleep(5_000);
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            // The client went away: nothing to do.
        }
    }

    private static String readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** Each protocol's opening with one content event, and the ways it breaks, as the provider documents them. */
    private enum Protocol {
        OPENAI("text/event-stream",
                "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                        + "\"finish_reason\":null}]}\n\n"
                        + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + CONTENT + "\"},\"finish_reason\":null}]}\n\n",
                "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\", oops\n\n",
                "data: {\"error\":{\"message\":\"The server had an error while processing your request.\","
                        + "\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"),
        ANTHROPIC("text/event-stream",
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-3-5-haiku-latest\",\"stop_reason\":null,"
                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":17,\"output_tokens\":1}}}\n\n"
                        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + CONTENT + "\"}}\n\n",
                "event: content_block_delta\ndata: {\"type\": oops\n\n",
                "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"),
        GEMINI("text/event-stream",
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + CONTENT + "\"}],\"role\":\"model\"},"
                        + "\"index\":0}],\"modelVersion\":\"gemini-2.0-flash\",\"responseId\":\"r1\"}\n\n",
                "data: {\"candidates\": oops\n\n",
                "data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\","
                        + "\"status\":\"UNAVAILABLE\"}}\n\n"),
        OLLAMA("application/x-ndjson",
                "{\"model\":\"llama3.2:3b\",\"created_at\":\"2026-03-02T09:19:30Z\",\"message\":{\"role\":\"assistant\","
                        + "\"content\":\"" + CONTENT + "\"},\"done\":false}\n",
                "{\"model\": oops\n",
                "{\"error\":\"an error was encountered while running the model\"}\n");

        private final String contentType;
        private final String opening;
        private final String malformed;
        private final String error;

        Protocol(String contentType, String opening, String malformed, String error) {
            this.contentType = contentType;
            this.opening = opening;
            this.malformed = malformed;
            this.error = error;
        }

        static Protocol of(String path) {
            if (path.startsWith("/v1/chat/completions")) {
                return OPENAI;
            }
            if (path.startsWith("/v1/messages")) {
                return ANTHROPIC;
            }
            if (path.contains(":streamGenerateContent")) {
                return GEMINI;
            }
            if (path.startsWith("/api/chat")) {
                return OLLAMA;
            }
            throw new IllegalArgumentException("no streamed protocol at " + path);
        }
    }
}
