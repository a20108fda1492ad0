package dev.switchboard.adapters.config;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Reads what providers and models write with the last of duplicate keys, as providers' own SDKs do: the adapters take no
 * request bodies from callers, and a model's tool-call arguments with a repeated key must not fail a conversation.
 */
@Singleton
public class ProviderJsonReading implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
