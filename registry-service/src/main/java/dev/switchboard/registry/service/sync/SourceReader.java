package dev.switchboard.registry.service.sync;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.switchboard.registry.client.SourceProblem;
import dev.switchboard.registry.service.sync.SourceDocument.Skipped;

/**
 * Reads a synced catalog as it streams in, one entry at a time, and tells its format from its shape: an object whose
 * {@code data} is an array is OpenRouter's model list; an object of objects that carry LiteLLM's fields is LiteLLM's
 * price map. A document that is not JSON, is neither, or lists more models than allowed is refused whole
 * ({@link SourceProblem}); a bad entry is skipped alone. The first of two entries for the same model wins.
 */
final class SourceReader {

    /** Skipped entries the report names one by one; the rest are counted. */
    static final int SKIPPED_LISTED = 100;

    private final ObjectMapper mapper;
    /** Reads one entry of the document; the rest of the document follows it, so trailing tokens are expected. */
    private final ObjectReader entries;
    private final int maxModels;

    SourceReader(ObjectMapper mapper, int maxModels) {
        this.mapper = mapper;
        this.entries = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxModels = maxModels;
    }

    SourceDocument read(InputStream in) throws IOException {
        Collected collected = new Collected();
        try (JsonParser parser = mapper.createParser(in)) {
            // The mapper refuses a caller's duplicate keys; a published catalog is read as its own consumers read it,
            // the last one winning, so that one repeated key does not stop the whole sync.
            parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw SourceProblem.invalid(first == null ? "the source is empty"
                        : "the source is a JSON " + describe(first) + ", neither OpenRouter's model list nor LiteLLM's"
                                + " price map (both are JSON objects)");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("data".equals(field) && value == JsonToken.START_ARRAY && collected.format == null) {
                    collected.format = OpenRouterFormat.NAME;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        collected.count();
                        JsonNode model = entries.readTree(parser);
                        collected.take(model.path("id").asText("entry " + collected.read), () -> OpenRouterFormat.entry(model));
                    }
                } else if (value == JsonToken.START_OBJECT && !OpenRouterFormat.NAME.equals(collected.format)) {
                    JsonNode model = entries.readTree(parser);
                    if (LiteLlmFormat.SAMPLE_SPEC.equals(field) || !LiteLlmFormat.looksLikeEntry(model)) {
                        continue;
                    }
                    collected.format = LiteLlmFormat.NAME;
                    collected.count();
                    collected.take(field, () -> LiteLlmFormat.entry(field, model));
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw SourceProblem.invalid("the source is not valid JSON: " + e.getOriginalMessage());
        }
        if (collected.format == null) {
            throw SourceProblem.invalid("the source is neither OpenRouter's model list (an object with a 'data' array)"
                    + " nor LiteLLM's price map (an object of models with 'litellm_provider' and their prices)");
        }
        return new SourceDocument(collected.format, List.copyOf(collected.entries.values()), collected.skipped,
                collected.skippedTotal, collected.ignored, collected.read);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> "value";
        };
    }

    /** What the reading has gathered so far. */
    private final class Collected {
        String format;
        int read;
        int ignored;
        int skippedTotal;
        final Map<String, SyncedEntry> entries = new LinkedHashMap<>();
        final List<Skipped> skipped = new ArrayList<>();

        void count() {
            read++;
            if (read > maxModels) {
                throw SourceProblem.invalid("the source lists more than " + maxModels + " models"
                        + " (switchboard.registry.sync.max-models); nothing was read from it");
            }
        }

        void take(String name, java.util.function.Supplier<SyncedEntry> mapping) {
            try {
                SyncedEntry entry = mapping.get();
                if (entry == null) {
                    ignored++;
                } else {
                    entries.putIfAbsent(entry.name(), entry);
                }
            } catch (BadEntry e) {
                skippedTotal++;
                if (skipped.size() < SKIPPED_LISTED) {
                    skipped.add(new Skipped(EntryValues.abbreviate(name), e.getMessage()));
                }
            }
        }
    }
}
