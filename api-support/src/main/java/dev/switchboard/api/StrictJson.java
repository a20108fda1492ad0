package dev.switchboard.api;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Reads JSON as it was written, or not at all: every service's request bodies (and whatever else its mapper reads) are
 * refused rather than guessed at when they are ambiguous, mistyped, too deep or not UTF-8.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /**
     * Far deeper than any real call (OpenAI caps a structured-output schema at 10 levels), and shallow enough that every
     * recursive walk of a body, in the translators and serializers, stays far from the end of a thread's stack.
     */
    public static final int MAX_NESTING_DEPTH = 128;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build());
        mapper.getFactory().setInputDecorator(new StrictUtf8());
        // A duplicate key is read as the last one by Jackson and as the first by other parsers: a caller could show the
        // gateway one value and the provider another.
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // 10.5 is not an integer and "10" not a number: no rounding, no parsing of strings, no numbers as text.
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /** Before the services' own customizers, so a service may relax what it reads from elsewhere than its callers. */
    @Override
    public int priority() {
        return DEFAULT_PRIORITY + 10;
    }
}
