package dev.switchboard.adapters.testing;

import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.contracts.CompletionCancel;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.MessageHeaders;

/** Request and cancel records on a request topic, with the headers a router gives them. */
public final class RouterRecords {

    private RouterRecords() {
    }

    /**
     * A request on partition 0 whose replies go to {@code replyPartition}, stamped {@code timestamp} (the send's time
     * when null); a test adds the headers of its own (a router's name, a trace) to the record.
     */
    public static ProducerRecord<String, String> request(ObjectMapper mapper, String topic, CompletionRequest request,
            int replyPartition, Long timestamp) throws JsonProcessingException {
        return request(mapper, topic, 0, request, replyPartition, timestamp);
    }

    /** The same on another partition of the request topic. */
    public static ProducerRecord<String, String> request(ObjectMapper mapper, String topic, int partition,
            CompletionRequest request, int replyPartition, Long timestamp) throws JsonProcessingException {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, timestamp, request.requestId(),
                mapper.writeValueAsString(request));
        record.headers()
                .add(MessageHeaders.REQUEST_ID, MessageHeaders.encode(request.requestId()))
                .add(MessageHeaders.REPLY_PARTITION, MessageHeaders.encode(replyPartition))
                .add(MessageHeaders.DEADLINE, MessageHeaders.encode(request.deadlineEpochMs()))
                .add(MessageHeaders.SCHEMA, MessageHeaders.encode(MessageHeaders.SCHEMA_VERSION));
        return record;
    }

    /** The cancel of an attempt, on the request topic its request went to. */
    public static ProducerRecord<String, String> cancel(ObjectMapper mapper, String topic, CompletionCancel cancel)
            throws JsonProcessingException {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, 0, cancel.requestId(),
                mapper.writeValueAsString(cancel));
        record.headers()
                .add(MessageHeaders.REQUEST_ID, MessageHeaders.encode(cancel.requestId()))
                .add(MessageHeaders.KIND, MessageHeaders.encode(MessageHeaders.KIND_CANCEL))
                .add(MessageHeaders.SCHEMA, MessageHeaders.encode(MessageHeaders.SCHEMA_VERSION));
        return record;
    }
}
