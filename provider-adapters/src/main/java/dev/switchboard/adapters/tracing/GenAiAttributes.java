package dev.switchboard.adapters.tracing;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;

import dev.switchboard.contracts.Operation;

/**
 * The OpenTelemetry GenAI semantic-convention names the provider call's span uses: the GenAI client span as released in
 * semantic conventions v1.41.0, the latest release that carries them (their new repository has no release yet).
 */
final class GenAiAttributes {

    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    static final AttributeKey<Boolean> REQUEST_STREAM = AttributeKey.booleanKey("gen_ai.request.stream");
    static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS = AttributeKey
            .stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Long> USAGE_CACHE_READ_TOKENS = AttributeKey
            .longKey("gen_ai.usage.cache_read.input_tokens");
    static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("switchboard.request_id");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("switchboard.attempt");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("switchboard.outcome");

    private GenAiAttributes() {
    }

    /** The conventions' {@code gen_ai.operation.name} of an operation. */
    static String operationName(Operation operation) {
        return operation.genAiName();
    }
}
