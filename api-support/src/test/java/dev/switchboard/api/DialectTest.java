package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.switchboard.contracts.ApiError;

class DialectTest {

    @Test
    void onlyTheMessagesRoutesSpeakAnthropic() {
        assertThat(Dialect.of("/v1/messages")).isEqualTo(Dialect.ANTHROPIC);
        assertThat(Dialect.of("/v1/messages/count_tokens")).isEqualTo(Dialect.ANTHROPIC);
        assertThat(Dialect.of("/v1/messagesx")).isEqualTo(Dialect.OPENAI);
        assertThat(Dialect.of("/v1/chat/completions")).isEqualTo(Dialect.OPENAI);
        assertThat(Dialect.of("/telemetry")).isEqualTo(Dialect.OPENAI);
        assertThat(Dialect.of(null)).isEqualTo(Dialect.OPENAI);
    }

    @Test
    void eachDialectWritesItsOwnShapeWithItsOwnTypes() {
        assertThat(Dialect.OPENAI.errorBody(401, "no key", null, "invalid_api_key"))
                .isEqualTo(ApiError.of("no key", "authentication_error", null, "invalid_api_key"));
        assertThat(Dialect.ANTHROPIC.errorBody(401, "no key", null, "invalid_api_key"))
                .isEqualTo(AnthropicError.of("authentication_error", "no key"));
        assertThat(Dialect.ANTHROPIC.errorBody(413, "too big", null, null))
                .isEqualTo(AnthropicError.of("request_too_large", "too big"));
        assertThat(Dialect.ANTHROPIC.errorBody(503, "busy", null, null))
                .isEqualTo(AnthropicError.of("overloaded_error", "busy"));
        assertThat(Dialect.ANTHROPIC.errorBody(504, "late", null, "timeout"))
                .isEqualTo(AnthropicError.of("api_error", "late"));
        assertThat(Dialect.ANTHROPIC.errorBody(422, "odd", "model", null))
                .isEqualTo(AnthropicError.of("invalid_request_error", "odd"));
    }
}
