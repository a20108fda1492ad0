package dev.switchboard.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class KeyPrincipalTest {

    @Test
    void anAdminKeyMayDoWhatTheOpsKeyMayButNotCallTheModels() {
        KeyPrincipal admin = new KeyPrincipal("key_1", "admin", null, Set.of(Right.ADMIN));
        assertThat(admin.has(Right.ADMIN)).isTrue();
        assertThat(admin.has(Right.OPS)).isTrue();
        assertThat(admin.has(Right.CALLER)).isFalse();

        KeyPrincipal ops = new KeyPrincipal("key_2", "ops", null, Set.of(Right.OPS));
        assertThat(ops.has(Right.ADMIN)).isFalse();
        assertThat(ops.has(Right.CALLER)).isFalse();
    }

    @Test
    void digestsMatchOnlyTheSameKeyAndTheirIdsAreShort() {
        KeyDigest digest = KeyDigest.of("sb-secret");
        assertThat(digest.matches(KeyDigest.of("sb-secret"))).isTrue();
        assertThat(digest.matches(KeyDigest.of("sb-secreT"))).isFalse();
        assertThat(digest.publicId()).matches("key_[0-9a-f]{12}").doesNotContain("secret");
        assertThat(digest.hex()).hasSize(64);
        assertThat(digest.toString()).isEqualTo(digest.publicId());
    }

    @Test
    void aDigestIsTheKeysSha256HoweverManyCameBefore() {
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(KeyDigest.of("abc").hex()).isEqualTo(abc);
        KeyDigest.of("a longer key that fills more than one block of the digest, " + "x".repeat(100));
        assertThat(KeyDigest.of("abc").hex()).as("no state carried over from an earlier key").isEqualTo(abc);
        assertThat(KeyDigest.of("").hex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void theServiceKeysResolveToTheirRights() {
        ServiceKeys keys = new ServiceKeys(config(Optional.of("the-admin"), Optional.of(" the-ops ")));
        assertThat(keys.resolve(KeyDigest.of("the-admin"))).map(KeyPrincipal::rights)
                .contains(Set.of(Right.ADMIN, Right.OPS));
        assertThat(keys.resolve(KeyDigest.of("the-ops"))).map(KeyPrincipal::rights).contains(Set.of(Right.OPS));
        assertThat(keys.resolve(KeyDigest.of("someone"))).isEmpty();

        ServiceKeys none = new ServiceKeys(config(Optional.of("  "), Optional.empty()));
        assertThat(none.resolve(KeyDigest.of(""))).isEmpty();
        assertThat(none.resolve(KeyDigest.of("  "))).isEmpty();
    }

    private static AuthConfig config(Optional<String> admin, Optional<String> ops) {
        return new AuthConfig() {
            @Override
            public Optional<String> adminKey() {
                return admin;
            }

            @Override
            public Optional<String> opsKey() {
                return ops;
            }

            @Override
            public Optional<Right> defaultRight() {
                return Optional.empty();
            }
        };
    }
}
