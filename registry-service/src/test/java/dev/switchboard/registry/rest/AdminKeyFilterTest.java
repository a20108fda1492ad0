package dev.switchboard.registry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.contracts.ApiError;

class AdminKeyFilterTest {

    private static final Optional<byte[]> KEY = Optional.of("s3cret".getBytes(StandardCharsets.UTF_8));

    @Test
    void withoutAConfiguredKeyEveryAdminWriteIsRefused() {
        var refusal = AdminKeyFilter.refusal(Optional.empty(), "Bearer anything");

        assertThat(refusal.getStatus()).isEqualTo(403);
        assertThat(((ApiError) refusal.getEntity()).error().code()).isEqualTo("admin_key_not_configured");
    }

    @Test
    void onlyTheConfiguredKeyAsABearerTokenPasses() {
        assertThat(AdminKeyFilter.refusal(KEY, "Bearer s3cret")).isNull();
        assertThat(AdminKeyFilter.refusal(KEY, "bearer s3cret")).isNull();
        assertThat(AdminKeyFilter.refusal(KEY, "Bearer s3cre").getStatus()).isEqualTo(401);
        assertThat(AdminKeyFilter.refusal(KEY, "s3cret").getStatus()).isEqualTo(401);
        assertThat(AdminKeyFilter.refusal(KEY, null).getStatus()).isEqualTo(401);
    }
}
