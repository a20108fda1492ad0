package dev.switchboard.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * An OTLP/HTTP trace receiver on a loopback port, for the benchmark (which only counts what it gets) and the tests
 * (which read the spans). Services export to it with {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT=}{@link #endpoint()} and
 * {@code QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf}.
 */
public final class OtlpReceiver implements AutoCloseable {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] EMPTY_RESPONSE = ExportTraceServiceResponse.getDefaultInstance().toByteArray();

    private final Vertx vertx;
    private final boolean keepSpans;
    private final HttpServer server;
    private final Queue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();
    private final AtomicLong received = new AtomicLong();
    private final Map<String, LongAdder> receivedByName = new ConcurrentHashMap<>();

    private OtlpReceiver(Vertx vertx, boolean keepSpans) {
        this.vertx = vertx;
        this.keepSpans = keepSpans;
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(this::handle);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the OTLP receiver did not start: " + e.getMessage(), e);
        }
    }

    /** A receiver that keeps every span it gets, on a Vert.x instance of its own. */
    public static OtlpReceiver keeping() {
        return new OtlpReceiver(Vertx.vertx(), true);
    }

    /**
     * A receiver that only counts spans, for the benchmark: on an event loop of its own, so that reading a batch of spans
     * never holds up the load generator's loops, which would count as latency of the traced calls.
     */
    public static OtlpReceiver counting() {
        return new OtlpReceiver(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)), false);
    }

    /** The base URL to export to; the exporter adds {@code /v1/traces}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public long spansReceived() {
        return received.get();
    }

    /** How many spans each service sent under each span name, keyed {@code service: name}, the most first. */
    public Map<String, Long> spansReceivedByName() {
        Map<String, Long> counts = new LinkedHashMap<>();
        receivedByName.entrySet().stream()
                .sorted(Map.Entry.<String, LongAdder> comparingByValue(
                        Comparator.comparingLong(LongAdder::sum)).reversed())
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue().sum()));
        return counts;
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** Every span of one trace, in the order received. */
    public List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    public void clear() {
        spans.clear();
    }

    private void handle(HttpServerRequest request) {
        if (!"/v1/traces".equals(request.path())) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.body().onSuccess(body -> {
            try {
                store(ExportTraceServiceRequest.parseFrom(body.getBytes()));
                request.response().putHeader("Content-Type", "application/x-protobuf").end(Buffer.buffer(EMPTY_RESPONSE));
            } catch (InvalidProtocolBufferException e) {
                request.response().setStatusCode(400).end(e.getMessage());
            }
        });
    }

    private void store(ExportTraceServiceRequest export) {
        for (ResourceSpans resource : export.getResourceSpansList()) {
            String service = String.valueOf(attributes(resource.getResource().getAttributesList()).get("service.name"));
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                received.addAndGet(scope.getSpansCount());
                scope.getSpansList().forEach(span -> receivedByName
                        .computeIfAbsent(service + ": " + span.getName(), name -> new LongAdder()).increment());
                if (keepSpans) {
                    scope.getSpansList().forEach(span -> spans.add(received(service, span)));
                }
            }
        }
    }

    private static ReceivedSpan received(String service, Span span) {
        List<String> links = span.getLinksList().stream().map(link -> hex(link.getSpanId())).toList();
        String parent = span.getParentSpanId().isEmpty() ? null : hex(span.getParentSpanId());
        String kind = span.getKind().name().replace("SPAN_KIND_", "");
        String status = span.getStatus().getCode().name().replace("STATUS_CODE_", "");
        return new ReceivedSpan(service, hex(span.getTraceId()), hex(span.getSpanId()), parent, span.getName(), kind,
                attributes(span.getAttributesList()), links, span.getStartTimeUnixNano(), span.getEndTimeUnixNano(),
                status);
    }

    private static Map<String, Object> attributes(List<KeyValue> keyValues) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        keyValues.forEach(keyValue -> attributes.put(keyValue.getKey(), value(keyValue.getValue())));
        return attributes;
    }

    private static Object value(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case ARRAY_VALUE -> {
                List<Object> values = new ArrayList<>();
                value.getArrayValue().getValuesList().forEach(item -> values.add(value(item)));
                yield values;
            }
            default -> value.toString();
        };
    }

    private static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }

    @Override
    public void close() {
        server.close();
        vertx.close();
    }
}
