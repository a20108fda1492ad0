package dev.switchboard.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API, operations and admin keys for the local stack: the one given, else the one stored, else a new one that is then stored.
 */
public final class Keys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {
    }

    public static String resolve(String given, Path file) {
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file).trim();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            String key = generate();
            Files.createDirectories(file.getParent());
            Files.writeString(file, key + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the file keeps the default permissions.
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write " + file, e);
        }
    }

    public static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "sb-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
