package dev.switchboard.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How a service reads the records services send each other through Kafka (requests, replies, usage events). They are
 * written from objects and trees, which cannot repeat a key, so the search for repeated keys that the strict mapper
 * makes in callers' bodies is left out.
 */
public final class ServiceJson {

    private ServiceJson() {
    }

    /** A copy of {@code mapper}, with its modules and settings, that reads without the search for repeated keys. */
    public static ObjectMapper reading(ObjectMapper mapper) {
        // A reader's own switch (ObjectReader.without) leaves the search on: the parser's factory decides it, so the
        // readers come from a copy of the mapper with a factory of its own.
        return mapper.copy().disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
