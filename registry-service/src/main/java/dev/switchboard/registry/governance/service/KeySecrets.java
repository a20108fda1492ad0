package dev.switchboard.registry.governance.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes key secrets and ids. A secret is {@code sb-} and 32 random bytes in base64url; only its SHA-256 is stored,
 * which is enough for secrets of this strength (nothing to guess), and what routers compare in constant time.
 */
final class KeySecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySecrets() {
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "sb-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code prefix} and 16 random hex digits. */
    static String newId(String prefix) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** {@code sb-ab...wxyz}: enough to tell keys apart, far too little to use one. */
    static String hint(String secret) {
        return secret.substring(0, 5) + "..." + secret.substring(secret.length() - 4);
    }
}
