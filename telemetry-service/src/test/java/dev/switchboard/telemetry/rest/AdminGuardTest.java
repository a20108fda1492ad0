package dev.switchboard.telemetry.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.api.ApiException;

/** With no admin key configured, admin routes are closed to everyone, never open. */
class AdminGuardTest {

    @Test
    void noConfiguredKeyRefusesEveryRequest() {
        for (Optional<String> none : List.of(Optional.<String> empty(), Optional.of(""), Optional.of("  "))) {
            AdminGuard guard = new AdminGuard(none);
            for (String header : new String[] { null, "Bearer ", "Bearer  ", "Bearer anything" }) {
                assertThatThrownBy(() -> guard.check(header))
                        .isInstanceOfSatisfying(ApiException.class, e -> {
                            assertThat(e.status()).isEqualTo(403);
                            assertThat(e.code()).isEqualTo("admin_disabled");
                        });
            }
        }
    }

    @Test
    void configuredKeyAdmitsOnlyItself() {
        AdminGuard guard = new AdminGuard(Optional.of("s3cret"));
        assertThatCode(() -> guard.check("Bearer s3cret")).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.check("Bearer s3cret2")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> guard.check("Basic s3cret")).isInstanceOf(ApiException.class);
    }
}
