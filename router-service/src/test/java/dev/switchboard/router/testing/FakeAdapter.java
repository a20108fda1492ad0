package dev.switchboard.router.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.RestAssured;

import dev.switchboard.contracts.AdapterAnnouncement;
import dev.switchboard.contracts.CompletionAck;
import dev.switchboard.contracts.CompletionCancel;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.Providers;
import dev.switchboard.contracts.ReplyError;
import dev.switchboard.contracts.TokenCounts;
import dev.switchboard.contracts.Topics;

/**
 * Stands in for the provider adapters on every request topic, so router tests run through the real Kafka path. It
 * announces every provider on {@code switchboard.adapters} (a test may {@link #withdraw} one, whose requests it then
 * leaves untouched, as if nobody consumed its topic). It acknowledges the streams it takes, and the plain calls it leaves
 * unanswered, as adapters do once their ack delay has passed; the others only get their answer. The last user message
 * (an embeddings call's first input) picks how it fails; {@code ollama} never fails, so it serves as the healthy fallback.
 * Anything else is echoed, plain
 * or word by word when streamed. Cancel records are kept, to be asserted on.
 */
public final class FakeAdapter implements AutoCloseable {

    public static final String SILENT = "silent";
    public static final String RATE_LIMIT = "rate-limit";
    public static final String RATE_LIMIT_ONCE = "rate-limit-once";
    public static final String SERVER_ERROR = "server-error";
    public static final String BAD_REQUEST = "bad-request";
    /** Refused as an operation or input the provider does not take, which moves the call on and opens no breaker. */
    public static final String UNSUPPORTED = "unsupported";
    public static final String TWICE = "twice";
    public static final String CONTEXT_LENGTH = "context-length";
    public static final String STREAM_BREAK = "stream-break";
    public static final String STREAM_FAIL_FIRST = "stream-fail-first";
    public static final String STREAM_ROLE_THEN_FAIL = "stream-role-then-fail";
    /** Streams one content chunk, then nothing more. */
    public static final String STREAM_STALL = "stream-stall";
    /** Streams {@link #SLOW_CHUNKS} content chunks, {@link #SLOW_CHUNK_GAP_MS} apart: longer than the test deadline. */
    public static final String STREAM_SLOW = "stream-slow";
    public static final int SLOW_CHUNKS = 9;
    public static final long SLOW_CHUNK_GAP_MS = 500;
    /** Streams one content chunk, then another adapter instance takes the request again, as after a crash. */
    public static final String STREAM_RETAKEN = "stream-retaken";
    /** Calls the request's first tool with the arguments {@link #TOOL_ARGUMENTS}, plain or streamed in two pieces. */
    public static final String TOOL_CALL = "tool-call";
    public static final String TOOL_ARGUMENTS = "{\"city\":\"Paris\"}";
    /** Takes the request and never acknowledges nor answers it, as an adapter that hangs. */
    public static final String STUCK = "stuck";
    public static final String INSTANCE = "fake-adapter";
    private static final long HEARTBEAT_MS = 5_000;
    private static final long TTL_MS = 15_000;
    public static final String HEALTHY_PROVIDER = "ollama";
    /** Anthropic refuses a Messages call natively with its own error (status 400 and body). */
    public static final String ANTHROPIC_REFUSES = "anthropic-refuses";
    /** Anthropic's own error body for {@link #ANTHROPIC_REFUSES}, as Anthropic sends it. */
    public static final String ANTHROPIC_REFUSAL_BODY = "{\"type\":\"error\",\"error\":{\"type\":"
            + "\"invalid_request_error\",\"message\":\"prompt is too long: 210000 tokens > 200000 maximum\"}}";
    /** OpenAI refuses a Responses call natively with its own error (status 400 and body). */
    public static final String OPENAI_REFUSES = "openai-refuses";
    /** OpenAI's own error body for {@link #OPENAI_REFUSES}, as OpenAI sends it. */
    public static final String OPENAI_REFUSAL_BODY = "{\"error\":{\"message\":\"Invalid value: 'input_textt'. Supported "
            + "values are: 'input_text', 'input_image' and 'input_file'.\",\"type\":\"invalid_request_error\","
            + "\"param\":\"input[0].content[0].type\",\"code\":\"invalid_value\"}}";

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final Thread thread;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final Map<String, String> requestIds = new ConcurrentHashMap<>();
    private final Set<String> cancels = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletionRequest> requests = new ConcurrentHashMap<>();
    private final Set<String> withdrawn = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletionRequest> lastRequests = new ConcurrentHashMap<>();
    private final Map<String, Headers> headers = new ConcurrentHashMap<>();

    public FakeAdapter(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "fake-adapter",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
        consumer.subscribe(Pattern.compile(Pattern.quote(Topics.REQUESTS_PREFIX) + ".*"));
        Providers.KNOWN.forEach(this::announce);
        thread = new Thread(this::run, "fake-adapter");
        thread.setDaemon(true);
        thread.start();
    }

    /** Announces the provider as served by this instance; a heartbeat repeats it while the provider is not withdrawn. */
    public void announce(String provider) {
        withdrawn.remove(provider);
        AdapterAnnouncement announcement = new AdapterAnnouncement(provider, INSTANCE, true, true, true, null, Instant.now(),
                TTL_MS);
        try {
            producer.send(new ProducerRecord<>(Topics.ADAPTERS, announcement.key(), mapper.writeValueAsString(announcement)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops serving the provider: a tombstone for its announcement, and its requests are left alone from now on. */
    public void withdraw(String provider) {
        withdrawn.add(provider);
        try {
            producer.send(new ProducerRecord<>(Topics.ADAPTERS, provider + "/" + INSTANCE, null)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the router under test says whether the provider is served, as announced. */
    public static void awaitServed(String provider, boolean served) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.given()
                .header("Authorization", "Bearer test-key")
                .when().get("/v1/providers")
                .then()
                .statusCode(200)
                .body("data.find { it.name == '" + provider + "' }.served", Matchers.is(served)));
    }

    /** How many attempts with this prompt reached a provider topic. */
    public int received(String prompt) {
        return received.getOrDefault(prompt, new AtomicInteger()).get();
    }

    /** The id of the last request for this provider-side model, or null when none came. */
    public String requestId(String model) {
        return requestIds.get(model);
    }

    /** The last request for this provider-side model, as it reached the provider topic; null when none came. */
    public CompletionRequest lastRequest(String model) {
        return lastRequests.get(model);
    }

    /** A header of an attempt's request record as the router sent it, or null. */
    public String header(String requestId, int attempt, String name) {
        Headers sent = headers.get(requestId + "#" + attempt);
        Header header = sent == null ? null : sent.lastHeader(name);
        return header == null ? null : MessageHeaders.decode(header.value());
    }

    /** Whether the router cancelled that attempt. */
    public boolean cancelled(String requestId, int attempt) {
        return cancels.contains(requestId + "#" + attempt);
    }

    private void run() {
        try {
            long nextHeartbeat = System.currentTimeMillis() + HEARTBEAT_MS;
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    try {
                        answer(record);
                    } catch (RuntimeException e) {
                        // One record it cannot answer must not stop it answering the rest of the test class's calls.
                        System.err.println("Fake adapter could not answer " + record.topic() + "@" + record.offset() + ": "
                                + e);
                    }
                }
                if (System.currentTimeMillis() >= nextHeartbeat) {
                    Providers.KNOWN.stream().filter(provider -> !withdrawn.contains(provider)).forEach(this::announce);
                    nextHeartbeat = System.currentTimeMillis() + HEARTBEAT_MS;
                }
            }
        } catch (WakeupException e) {
            // Closing.
        } finally {
            consumer.close();
        }
    }

    private void answer(ConsumerRecord<String, String> record) {
        try {
            var kind = record.headers().lastHeader(MessageHeaders.KIND);
            if (kind != null && MessageHeaders.KIND_CANCEL.equals(MessageHeaders.decode(kind.value()))) {
                CompletionCancel cancel = mapper.readValue(record.value(), CompletionCancel.class);
                cancels.add(cancel.requestId() + "#" + cancel.attempt());
                return;
            }
            CompletionRequest request = mapper.readValue(record.value(), CompletionRequest.class);
            if (withdrawn.contains(request.provider()) || expired(record)) {
                return;
            }
            int partition = Integer.parseInt(MessageHeaders.decode(record.headers().lastHeader(MessageHeaders.REPLY_PARTITION)
                    .value()));
            String prompt = switch (request.operation()) {
                case EMBEDDINGS -> EmbeddingAnswers.firstInput(request.body());
                case RESPONSES -> OpenAiResponseAnswers.lastUserInput(request.body());
                default -> lastUserMessage(request.body());
            };
            received.computeIfAbsent(prompt, ignored -> new AtomicInteger()).incrementAndGet();
            requests.put(prompt, request);
            requestIds.put(request.model(), request.requestId());
            lastRequests.put(request.model(), request);
            headers.put(request.requestId() + "#" + request.attempt(), record.headers());
            String behaviour = HEALTHY_PROVIDER.equals(request.provider()) ? "" : prompt;
            if (STUCK.equals(behaviour)) {
                return;
            }
            if (request.streamed() || SILENT.equals(behaviour)) {
                // As the adapters do: a stream is acknowledged when taken, a plain call only when its answer is late.
                acknowledge(request, INSTANCE, partition);
            }
            if (request.operation() == Operation.EMBEDDINGS) {
                EmbeddingAnswers.answer(request, behaviour, mapper, reply -> send(reply, partition));
                return;
            }
            if (request.operation() == Operation.RESPONSES) {
                OpenAiResponseAnswers.answer(request, prompt, mapper, reply -> send(reply, partition));
                return;
            }
            if (request.operation() != Operation.CHAT) {
                AnthropicAnswers.answer(request, prompt, mapper, reply -> send(reply, partition));
                return;
            }
            if (request.body().path("stream").asBoolean(false)) {
                streamAnswer(request, partition, prompt, behaviour);
                return;
            }
            CompletionReply reply = switch (behaviour) {
                case SILENT -> null;
                case RATE_LIMIT -> CompletionReply.failure(request,
                        new ReplyError(ErrorClass.RATE_LIMITED, 429, "slow down", 1_500L));
                case RATE_LIMIT_ONCE -> request.attempt() == 1
                        ? CompletionReply.failure(request, new ReplyError(ErrorClass.RATE_LIMITED, 429, "slow down", 1_000L))
                        : success(request, prompt);
                case SERVER_ERROR -> CompletionReply.failure(request,
                        new ReplyError(ErrorClass.SERVER_ERROR, 500, "upstream exploded", null));
                case CONTEXT_LENGTH -> CompletionReply.failure(request,
                        new ReplyError(ErrorClass.CONTEXT_LENGTH, 400, "maximum context length exceeded", null));
                case BAD_REQUEST -> CompletionReply.failure(request,
                        new ReplyError(ErrorClass.BAD_REQUEST, 400, "invalid value for 'temperature'", null));
                default -> success(request, prompt);
            };
            if (reply == null) {
                return;
            }
            int copies = TWICE.equals(prompt) ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                send(reply, partition);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A request whose deadline has passed, as one an earlier test class left unread in the group's partitions: like a
     * real adapter, it is dropped, so that answering it (a slow stream, say) does not hold up this class's calls.
     */
    private static boolean expired(ConsumerRecord<String, String> record) {
        Header deadline = record.headers().lastHeader(MessageHeaders.DEADLINE);
        return deadline != null && Long.parseLong(MessageHeaders.decode(deadline.value())) < System.currentTimeMillis();
    }

    private void streamAnswer(CompletionRequest request, int partition, String prompt, String behaviour) throws Exception {
        if (SILENT.equals(behaviour)) {
            return;
        }
        if (STREAM_SLOW.equals(behaviour)) {
            // On a thread of its own: the consumer's thread must go on reading requests and cancels meanwhile.
            Thread slow = new Thread(() -> {
                try {
                    streamWords(request, partition, slowWords(), behaviour);
                } catch (Exception e) {
                    System.err.println("Fake adapter's slow stream ended early: " + e);
                }
            }, "fake-adapter-slow");
            slow.setDaemon(true);
            slow.start();
            return;
        }
        if (STREAM_FAIL_FIRST.equals(behaviour)) {
            send(CompletionReply.streamFailure(request, 0, new ReplyError(ErrorClass.OVERLOADED, 529, "busy", 2_000L)),
                    partition);
            return;
        }
        if (STREAM_ROLE_THEN_FAIL.equals(behaviour)) {
            ObjectNode role = mapper.createObjectNode().put("object", "chat.completion.chunk").put("model", request.model());
            role.putArray("choices").addObject().put("index", 0).putObject("delta").put("role", "assistant").put("content",
                    "");
            send(CompletionReply.chunk(request, 0, role, false, null), partition);
            send(CompletionReply.streamFailure(request, 1, new ReplyError(ErrorClass.SERVER_ERROR, 500, "upstream broke",
                    null)), partition);
            return;
        }
        if (TOOL_CALL.equals(behaviour)) {
            streamToolCall(request, partition);
            return;
        }
        streamWords(request, partition, prompt.split(" "), behaviour);
    }

    private void streamWords(CompletionRequest request, int partition, String[] words, String behaviour)
            throws Exception {
        int sequence = 0;
        for (String word : words) {
            ObjectNode chunk = mapper.createObjectNode().put("object", "chat.completion.chunk").put("model", request.model());
            chunk.putArray("choices").addObject().put("index", 0).putObject("delta").put("content", word);
            send(CompletionReply.chunk(request, sequence++, chunk, false, null), partition);
            if (STREAM_STALL.equals(behaviour)) {
                return;
            }
            if (STREAM_SLOW.equals(behaviour)) {
                Thread.sleep(SLOW_CHUNK_GAP_MS);
            }
            if (STREAM_RETAKEN.equals(behaviour)) {
                acknowledge(request, INSTANCE + "-2", partition);
                return;
            }
            if (STREAM_BREAK.equals(behaviour)) {
                send(CompletionReply.streamFailure(request, sequence,
                        new ReplyError(ErrorClass.NETWORK, 0, "connection reset", null)), partition);
                return;
            }
        }
        long output = words.length;
        if (request.body().path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usage = mapper.createObjectNode().put("object", "chat.completion.chunk").put("model", request.model());
            usage.putArray("choices");
            usage.putObject("usage").put("prompt_tokens", promptTokens(request)).put("completion_tokens", output)
                    .put("total_tokens", promptTokens(request) + output);
            send(CompletionReply.chunk(request, sequence++, usage, false, null), partition);
        }
        send(CompletionReply.chunk(request, sequence, null, true, null)
                .withTokens(new TokenCounts(promptTokens(request), output, 0)), partition);
    }

    private static String[] slowWords() {
        String[] words = new String[SLOW_CHUNKS];
        Arrays.fill(words, STREAM_SLOW);
        return words;
    }

    private void streamToolCall(CompletionRequest request, int partition) {
        String half = TOOL_ARGUMENTS.substring(0, 5);
        int sequence = 0;
        for (String arguments : new String[] { half, TOOL_ARGUMENTS.substring(5) }) {
            ObjectNode chunk = mapper.createObjectNode().put("object", "chat.completion.chunk").put("model", request.model());
            ObjectNode call = chunk.putArray("choices").addObject().put("index", 0).putObject("delta").putArray("tool_calls")
                    .addObject().put("index", 0);
            if (sequence == 0) {
                call.put("id", "call_1").put("type", "function");
            }
            ObjectNode function = call.putObject("function").put("arguments", arguments);
            if (sequence == 0) {
                function.put("name", firstTool(request));
            }
            send(CompletionReply.chunk(request, sequence++, chunk, false, null), partition);
        }
        ObjectNode finish = mapper.createObjectNode().put("object", "chat.completion.chunk").put("model", request.model());
        finish.putArray("choices").addObject().put("index", 0).put("finish_reason", "tool_calls").putObject("delta");
        send(CompletionReply.chunk(request, sequence++, finish, false, null), partition);
        send(CompletionReply.chunk(request, sequence, null, true, null), partition);
    }

    private static String firstTool(CompletionRequest request) {
        return request.body().at("/tools/0/function/name").asText("none");
    }

    /** Every request as the router sent it, by the last user message. */
    public CompletionRequest request(String prompt) {
        return requests.get(prompt);
    }

    /** A completion that used every token {@code max_tokens} allowed, as a provider that talks on to the limit. */
    private CompletionReply success(CompletionRequest request, String prompt) {
        ObjectNode completion = completion(request, prompt);
        long output = request.body().path("max_tokens").asLong(1);
        completion.putObject("usage").put("prompt_tokens", promptTokens(request)).put("completion_tokens", output)
                .put("total_tokens", promptTokens(request) + output);
        return CompletionReply.success(request, completion).withTokens(new TokenCounts(promptTokens(request), output, 0));
    }

    private static long promptTokens(CompletionRequest request) {
        return lastUserMessage(request.body()).split(" ").length;
    }

    private void acknowledge(CompletionRequest request, String instance, int partition) throws Exception {
        ProducerRecord<String, String> out = new ProducerRecord<>(Topics.REPLIES, partition, request.requestId(),
                mapper.writeValueAsString(new CompletionAck(request.requestId(), request.attempt(), instance, 0)));
        out.headers().add(MessageHeaders.REQUEST_ID, MessageHeaders.encode(request.requestId()))
                .add(MessageHeaders.KIND, MessageHeaders.encode(MessageHeaders.KIND_ACK));
        producer.send(out);
    }

    private void send(CompletionReply reply, int partition) {
        String json;
        try {
            json = mapper.writeValueAsString(reply);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ProducerRecord<String, String> out = new ProducerRecord<>(Topics.REPLIES, partition, reply.requestId(), json);
        out.headers().add(MessageHeaders.REQUEST_ID, MessageHeaders.encode(reply.requestId()));
        producer.send(out);
    }

    private ObjectNode completion(CompletionRequest request, String content) {
        ObjectNode completion = mapper.createObjectNode()
                .put("id", "chatcmpl-" + request.requestId())
                .put("object", "chat.completion")
                .put("created", 1_700_000_000L)
                .put("model", request.model());
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", content);
        if (TOOL_CALL.equals(content)) {
            choice.put("finish_reason", "tool_calls");
            message.putNull("content").putArray("tool_calls").addObject().put("id", "call_1").put("type", "function")
                    .putObject("function").put("name", firstTool(request)).put("arguments", TOOL_ARGUMENTS);
        }
        completion.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1).put("total_tokens", 2);
        return completion;
    }

    private static String lastUserMessage(JsonNode body) {
        String last = "";
        for (JsonNode message : body.path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                last = message.path("content").isTextual() ? message.path("content").asText() : "[parts]";
            }
        }
        return last;
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5_000);
        producer.close();
    }
}
