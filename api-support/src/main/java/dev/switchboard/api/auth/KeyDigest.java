package dev.switchboard.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 digest of a key, the only form in which a key is compared or stored: comparing digests takes the same
 * time whatever the key, and a digest in memory or in a database gives nothing away.
 */
public final class KeyDigest {

    /** Every call's key is digested: a copy of one digest spares the search of the security providers per call. */
    private static final MessageDigest SHA_256 = sha256();

    private final byte[] sha256;

    private KeyDigest(byte[] sha256) {
        this.sha256 = sha256;
    }

    public static KeyDigest of(String key) {
        return new KeyDigest(fresh().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest fresh() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Constant-time comparison. */
    public boolean matches(KeyDigest other) {
        return MessageDigest.isEqual(sha256, other.sha256);
    }

    /** The whole digest in hex, e.g. to look a stored key up by. */
    public String hex() {
        return HexFormat.of().formatHex(sha256);
    }

    /** A short public id ({@code key_} and 12 hex digits), safe to log, to export and to use in cache keys. */
    public String publicId() {
        return "key_" + HexFormat.of().formatHex(sha256, 0, 6);
    }

    @Override
    public String toString() {
        return publicId();
    }
}
