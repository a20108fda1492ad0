package dev.switchboard.api.auth;

import java.util.Optional;

/**
 * Resolves a presented key, known only by its digest, to the principal it belongs to. Every CDI bean of this type is
 * asked in turn; a service adds keys by adding a directory (the service keys, the router's configured caller keys).
 */
public interface KeyDirectory {

    /** The key's principal, or empty when this directory does not know the key. */
    Optional<KeyPrincipal> resolve(KeyDigest presented);
}
