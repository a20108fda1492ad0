package dev.switchboard.adapters.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.local.testing.TopicReader;

/** Sends a request to the adapters over Kafka as a router does, and reads back its replies and its usage event. */
public final class AdapterRoundTrip {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int REPLY_PARTITION = 3;

    private final String bootstrapServers;
    private final ObjectMapper mapper;

    public AdapterRoundTrip(String bootstrapServers, ObjectMapper mapper) {
        this.bootstrapServers = bootstrapServers;
        this.mapper = mapper;
    }

    /** What came back for one request: its replies in order, and its usage event. */
    public record Result(List<CompletionReply> replies, UsageEvent usage) {
    }

    /** A chat request as a router publishes it, with the given body fields added to a short user message. */
    public CompletionRequest chat(String provider, String model, ObjectNode fields) {
        ObjectNode body = mapper.createObjectNode().put("model", provider + "/" + model).put("max_tokens", 100);
        body.setAll(fields);
        body.putArray("messages").add(mapper.createObjectNode().put("role", "user").put("content", "notice period?"));
        return new CompletionRequest("req-" + UUID.randomUUID(), 1, provider, model, System.currentTimeMillis() + 30_000,
                "key-test", body);
    }

    public Result send(CompletionRequest request) throws Exception {
        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION);
                TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE);
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                        new StringSerializer())) {
            producer.send(RouterRecords.request(mapper, Topics.requests(request.provider()), request, REPLY_PARTITION, null))
                    .get(10, TimeUnit.SECONDS);
            UsageEvent event = mapper.readValue(usage.await(TopicReader.keyed(request.requestId()), WAIT).value(),
                    UsageEvent.class);
            List<CompletionReply> answer = replies.drain(Duration.ofSeconds(2)).stream()
                    .filter(TopicReader.replyTo(request.requestId()))
                    .map(reply -> read(reply.value()))
                    .toList();
            return new Result(answer, event);
        }
    }

    private CompletionReply read(String json) {
        try {
            return mapper.readValue(json, CompletionReply.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
