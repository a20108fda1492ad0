package dev.switchboard.adapters.messaging;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Singleton;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import dev.switchboard.adapters.config.AdaptersConfig;
import dev.switchboard.adapters.service.Arrival;
import dev.switchboard.adapters.service.Attempt;
import dev.switchboard.adapters.service.CallsInFlight;
import dev.switchboard.adapters.service.CompletionService;
import dev.switchboard.contracts.CompletionAck;
import dev.switchboard.contracts.CompletionCancel;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.ReplyError;
import dev.switchboard.contracts.ServiceJson;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.UsageEvent;

/**
 * Takes completion requests from the enabled providers' topics, handles many at once, and sends each reply to the
 * reply partition its router reads. Records of every contract version from {@link MessageHeaders#OLDEST_SCHEMA} on are
 * read; a newer one gets a failure reply. A request is acknowledged on its reply partition ({@link CompletionAck}, for
 * requests of contract version 3 on), so its router knows someone works on it: a stream as soon as it is taken, a plain
 * call once its ack delay has passed without an answer ({@link DeferredAcks}). A request's
 * offset is committed only once its reply and usage event are sent, so a crash means redelivery, never loss. A cancel
 * record on the same topic cuts its attempt off; a request whose router replica is gone ({@link RouterWatch}) is not
 * called.
 */
@Singleton
public class CompletionRequestProcessor {

    private final ObjectMapper mapper;
    private final ObjectReader requests;
    private final CompletionService service;
    private final CallsInFlight calls;
    private final UsagePublisher usage;
    private final RequestArrivals arrivals;
    private final RouterWatch routers;
    private final DeferredAcks deferredAcks;
    private final String instance;
    private final int concurrency;

    public CompletionRequestProcessor(ObjectMapper mapper, CompletionService service, CallsInFlight calls,
            UsagePublisher usage, RequestArrivals arrivals, RouterWatch routers, DeferredAcks deferredAcks,
            AdapterAnnouncer announcer, AdaptersConfig config) {
        this.mapper = mapper;
        this.requests = ServiceJson.reading(mapper).readerFor(CompletionRequest.class);
        this.service = service;
        this.calls = calls;
        this.usage = usage;
        this.arrivals = arrivals;
        this.routers = routers;
        this.deferredAcks = deferredAcks;
        this.instance = announcer.instance();
        this.concurrency = config.maxConcurrency();
    }

    @Incoming("completion-requests")
    @Outgoing("completion-replies")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Multi<Message<byte[]>> process(Multi<Message<byte[]>> requests) {
        return requests.onItem().transformToMulti(this::handle).merge(concurrency);
    }

    private Multi<Message<byte[]>> handle(Message<byte[]> message) {
        if (MessageHeaders.KIND_CANCEL.equals(header(message, MessageHeaders.KIND))) {
            return cancel(message);
        }
        String schema = header(message, MessageHeaders.SCHEMA);
        if (!MessageHeaders.readable(MessageHeaders.schemaVersion(schema))) {
            return refuse(message, schema);
        }
        CompletionRequest request;
        Integer replyPartition;
        try {
            request = requests.readValue(message.getPayload());
            replyPartition = replyPartition(message);
        } catch (IOException | RuntimeException e) {
            // Without a readable request there is no one to answer; skipping keeps the partition moving.
            Log.errorf("Skipping an unreadable completion request: %s", e.getMessage());
            return acknowledgeWithoutReply(CompletableFuture.completedFuture(null), message);
        }
        long queuedMs = queuedMs(message);
        Arrival arrival = arrivals.arrive(message);
        if (routers.isGone(arrival.router())) {
            // Its router replica died while the request waited in Kafka: nobody would read the answer.
            return answer(Multi.createFrom().item(service.abandon(request, arrival)), replyPartition, message, arrival,
                    queuedMs);
        }
        Multi<Message<byte[]>> answer = answer(service.handle(request, arrival), replyPartition, message, arrival,
                queuedMs);
        if (MessageHeaders.schemaVersion(schema) < MessageHeaders.ACK_SCHEMA
                || request.deadlineEpochMs() <= System.currentTimeMillis()) {
            // A router of an older version waits for no acknowledgement, and nobody waits for an expired request.
            return answer;
        }
        return deferredAcks.ahead(() -> ack(new CompletionAck(request.requestId(), request.attempt(), instance, queuedMs),
                replyPartition, arrival), answer, request.streamed(), queuedMs);
    }

    /** From the router's send (the record's timestamp) to now, when this adapter takes the request. */
    private static long queuedMs(Message<byte[]> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getTimestamp)
                .map(sent -> Math.max(0, Instant.now().toEpochMilli() - sent.toEpochMilli()))
                .orElse(0L);
    }

    /**
     * A record of a contract version this adapter does not read (a router upgraded before its adapters) gets a failure
     * reply naming the versions, rather than silence: the router moves on to another candidate or tells its client. Only
     * the fields every version has are read from it.
     */
    private Multi<Message<byte[]>> refuse(Message<byte[]> message, String schema) {
        CompletionRequest request;
        Integer replyPartition;
        try {
            JsonNode record = mapper.readTree(message.getPayload());
            request = new CompletionRequest(record.path("requestId").textValue(), record.path("attempt").asInt(1),
                    record.path("provider").textValue(), record.path("model").textValue(), 0,
                    record.path("apiKeyId").textValue(), null);
            replyPartition = replyPartition(message);
        } catch (IOException | RuntimeException e) {
            Log.errorf("Skipping an unreadable completion request of switchboard-schema %s: %s", schema, e.getMessage());
            return acknowledgeWithoutReply(CompletableFuture.completedFuture(null), message);
        }
        if (request.requestId() == null) {
            Log.errorf("Skipping a completion request of switchboard-schema %s without a request id", schema);
            return acknowledgeWithoutReply(CompletableFuture.completedFuture(null), message);
        }
        Log.warnf("Refusing %s: switchboard-schema %s is not a version this adapter reads", request.requestId(), schema);
        ReplyError error = new ReplyError(ErrorClass.UNSUPPORTED, 0, "the request's contract version (switchboard-schema "
                + schema + ") is not one this adapter reads (" + MessageHeaders.OLDEST_SCHEMA + " to "
                + MessageHeaders.CURRENT_SCHEMA + "); upgrade the provider adapters", null);
        Arrival arrival = arrivals.arrive(message);
        return answer(Multi.createFrom().item(service.refuse(request, arrival, error)), replyPartition, message, arrival,
                queuedMs(message));
    }

    /**
     * Sends each step's reply. The final reply goes first; once the broker has it, the usage event follows (with the
     * time the request waited in Kafka, and the hop back measured by the reply's acknowledgement), and once the broker
     * has the event too, the request is acknowledged.
     */
    private Multi<Message<byte[]>> answer(Multi<Attempt> steps, Integer partition, Message<byte[]> message,
            Arrival arrival, long queuedMs) {
        return steps.onItem().transformToMultiAndConcatenate(attempt -> {
            if (!attempt.isFinal()) {
                // A chunk of a stream: its send is not what commits the request; the final step's is.
                return Multi.createFrom().item(reply(attempt.reply(), partition, arrival));
            }
            UsageEvent event = attempt.usage().toBuilder().queuedMs(queuedMs).build();
            if (attempt.reply() == null) {
                return acknowledgeWithoutReply(usage.publish(event, arrival.traceHeaders()), message, arrival);
            }
            long sentNanos = System.nanoTime();
            return Multi.createFrom().item(reply(attempt.reply(), partition, arrival)
                    .withAck(() -> usage.publish(withBackMs(event, sentNanos), arrival.traceHeaders())
                            .thenCompose(ignored -> message.ack())
                            .whenComplete((ignored, failure) -> arrivals.done(arrival)))
                    .withNack(failure -> {
                        Log.errorf("Reply %s could not be sent: %s", event.requestId(), failure.getMessage());
                        return usage.publish(event, arrival.traceHeaders())
                                .thenCompose(ignored -> message.nack(failure))
                                .whenComplete((ignored, again) -> arrivals.done(arrival));
                    }));
        });
    }

    private static UsageEvent withBackMs(UsageEvent event, long sentNanos) {
        if (event.timings() == null) {
            return event;
        }
        long backMs = (System.nanoTime() - sentNanos) / 1_000_000;
        return event.toBuilder().timings(event.timings().withBackMs(backMs)).build();
    }

    /** A reply record to the partition its router reads, carrying the adapter's trace context. */
    private Message<byte[]> reply(CompletionReply reply, Integer partition, Arrival arrival) {
        return toReplies(reply.requestId(), reply, partition, null, arrival);
    }

    /** The acknowledgement that this adapter took the request, on the same partition as its replies, before them. */
    private Message<byte[]> ack(CompletionAck ack, Integer partition, Arrival arrival) {
        return toReplies(ack.requestId(), ack, partition, MessageHeaders.KIND_ACK, arrival);
    }

    private Message<byte[]> toReplies(String requestId, Object value, Integer partition, String kind,
            Arrival arrival) {
        Headers headers = new RecordHeaders()
                .add(MessageHeaders.REQUEST_ID, MessageHeaders.encode(requestId))
                .add(MessageHeaders.SCHEMA, MessageHeaders.encode(MessageHeaders.SCHEMA_VERSION));
        if (kind != null) {
            headers.add(MessageHeaders.KIND, MessageHeaders.encode(kind));
        }
        arrival.traceHeaders().addTo(headers);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(Topics.REPLIES)
                .withKey(requestId)
                .withPartition(partition == null ? -1 : partition)
                .withHeaders(headers)
                .build();
        try {
            return Message.of(mapper.writeValueAsBytes(value)).addMetadata(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reply could not be written as JSON", e);
        }
    }

    /**
     * The request comes before its cancel in the partition, so a call that is not running here has already ended, or
     * was never taken (expired); either way there is nothing left to stop.
     */
    private Multi<Message<byte[]>> cancel(Message<byte[]> message) {
        try {
            CompletionCancel cancel = mapper.readValue(message.getPayload(), CompletionCancel.class);
            if (calls.cancel(cancel.requestId(), cancel.attempt())) {
                Log.debugf("Cancelled %s attempt %d: its client went away", cancel.requestId(), cancel.attempt());
            }
        } catch (IOException | RuntimeException e) {
            Log.errorf("Skipping an unreadable cancel record: %s", e.getMessage());
        }
        return acknowledgeWithoutReply(CompletableFuture.completedFuture(null), message);
    }

    private static Integer replyPartition(Message<byte[]> message) {
        String partition = header(message, MessageHeaders.REPLY_PARTITION);
        return partition == null ? null : Integer.valueOf(partition);
    }

    private static String header(Message<byte[]> message, String name) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getHeaders)
                .map(headers -> headers.lastHeader(name))
                .map(header -> MessageHeaders.decode(header.value()))
                .orElse(null);
    }

    private static Multi<Message<byte[]>> acknowledgeWithoutReply(CompletionStage<Void> before, Message<byte[]> message) {
        return Uni.createFrom().completionStage(before.thenCompose(ignored -> message.ack()))
                .onItem().transformToMulti(ignored -> Multi.createFrom().<Message<byte[]>> empty());
    }

    private Multi<Message<byte[]>> acknowledgeWithoutReply(CompletionStage<Void> before, Message<byte[]> message,
            Arrival arrival) {
        return acknowledgeWithoutReply(before.whenComplete((ignored, failure) -> arrivals.done(arrival)), message);
    }
}
