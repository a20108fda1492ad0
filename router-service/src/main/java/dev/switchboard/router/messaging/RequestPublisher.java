package dev.switchboard.router.messaging;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import dev.switchboard.contracts.CompletionCancel;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.Providers;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.UsageEvent;

/**
 * Publishes completion requests to their provider's topic, keyed by request id, with the routing headers. Every send
 * happens on one thread of its own, in call order: {@code KafkaProducer.send} waits for the topic's metadata (up to
 * {@code max.block.ms}) while the broker is away, and that wait must never hold a caller's event loop.
 */
@Singleton
public class RequestPublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper mapper;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "switchboard-request-sender");
        thread.setDaemon(true);
        return thread;
    });

    public RequestPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, ObjectMapper mapper) {
        this.producer = new KafkaProducer<>(KafkaSettings.producer(bootstrapServers), new StringSerializer(),
                new ByteArraySerializer());
        this.mapper = mapper;
    }

    /** Fetches the request topics' metadata in the background, so no call's send waits for it. */
    void onStart(@Observes StartupEvent event) {
        Thread warmUp = new Thread(() -> {
            for (String provider : Providers.KNOWN) {
                try {
                    producer.partitionsFor(Topics.requests(provider));
                } catch (RuntimeException e) {
                    Log.warnf("No metadata yet for %s: %s", Topics.requests(provider), e.getMessage());
                }
            }
        }, "switchboard-request-metadata");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * Completes once the broker has the request, which carries the routing headers (the sending replica's id, when
     * given), when it was sent, and the headers the call's hooks set (its trace context).
     */
    public CompletableFuture<Void> publish(CompletionRequest request, int replyPartition, String replica,
            Map<String, String> headers) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        ProducerRecord<String, byte[]> record;
        try {
            record = new ProducerRecord<>(Topics.requests(request.provider()), request.requestId(),
                    mapper.writeValueAsBytes(request));
        } catch (JsonProcessingException e) {
            sent.completeExceptionally(e);
            return sent;
        }
        record.headers()
                .add(MessageHeaders.REQUEST_ID, MessageHeaders.encode(request.requestId()))
                .add(MessageHeaders.REPLY_PARTITION, MessageHeaders.encode(replyPartition))
                .add(MessageHeaders.DEADLINE, MessageHeaders.encode(request.deadlineEpochMs()))
                .add(MessageHeaders.SCHEMA, MessageHeaders.encode(MessageHeaders.SCHEMA_VERSION));
        if (replica != null) {
            record.headers().add(MessageHeaders.ROUTER, MessageHeaders.encode(replica));
        }
        headers.forEach((name, value) -> record.headers().add(name, MessageHeaders.encode(value)));
        record.headers().add(MessageHeaders.SENT_AT, MessageHeaders.encode(System.currentTimeMillis()));
        send(record, sent);
        return sent;
    }

    private void send(ProducerRecord<String, byte[]> record, CompletableFuture<Void> sent) {
        try {
            sender.execute(() -> {
                try {
                    producer.send(record, (metadata, failure) -> {
                        if (failure == null) {
                            sent.complete(null);
                        } else {
                            sent.completeExceptionally(failure);
                        }
                    });
                } catch (RuntimeException e) {
                    sent.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            sent.completeExceptionally(e);
        }
    }

    /**
     * Asks the adapter that holds an attempt to stop it. Same topic and key as the request, so it lands after the request
     * in the same partition. A cancel that is lost costs tokens, not correctness, so a failure is only logged.
     */
    public void publishCancel(String provider, CompletionCancel cancel) {
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.requests(provider), cancel.requestId(),
                    mapper.writeValueAsBytes(cancel));
            record.headers()
                    .add(MessageHeaders.REQUEST_ID, MessageHeaders.encode(cancel.requestId()))
                    .add(MessageHeaders.KIND, MessageHeaders.encode(MessageHeaders.KIND_CANCEL))
                    .add(MessageHeaders.SCHEMA, MessageHeaders.encode(MessageHeaders.SCHEMA_VERSION));
            CompletableFuture<Void> sent = new CompletableFuture<>();
            sent.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    Log.warnf("Cancel of %s was not sent: %s", cancel.requestId(), failure.getMessage());
                }
            });
            send(record, sent);
        } catch (JsonProcessingException | RuntimeException e) {
            Log.warnf("Cancel of %s was not sent: %s", cancel.requestId(), e.getMessage());
        }
    }

    /**
     * Sends this replica's announcement on {@code switchboard.routers}, or its goodbye (a tombstone) when
     * {@code announcement} is null; completes once the broker has it.
     */
    public CompletableFuture<Void> publishAnnouncement(String replica, byte[] announcement) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        send(new ProducerRecord<>(Topics.ROUTERS, replica, announcement), sent);
        return sent;
    }

    /** Sends a usage event the router itself produced (a cache hit); a failure is logged, never the caller's problem. */
    public void publishUsage(UsageEvent event, Map<String, String> headers) {
        try {
            CompletableFuture<Void> sent = new CompletableFuture<>();
            sent.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    Log.errorf("Usage event %s was not sent: %s", event.requestId(), failure.getMessage());
                }
            });
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.USAGE, event.requestId(),
                    mapper.writeValueAsBytes(event));
            headers.forEach((name, value) -> record.headers().add(name, MessageHeaders.encode(value)));
            record.headers().add(MessageHeaders.API_KEY_ID, MessageHeaders.apiKeyId(event));
            send(record, sent);
        } catch (JsonProcessingException | RuntimeException e) {
            Log.errorf("Usage event %s was not sent: %s", event.requestId(), e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        sender.shutdown();
        producer.close();
    }
}
