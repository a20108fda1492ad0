package dev.switchboard.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running launcher writes down for `status` and `down`: its pid, whether it is ready, its parts, and the
 * management address (health and metrics) of each service among them.
 */
public record StackState(long pid, boolean ready, Map<String, String> parts, Map<String, String> management) {

    public static Path file(Path home) {
        return home.resolve("stack.properties");
    }

    public void write(Path home) {
        Properties properties = new Properties();
        properties.setProperty("pid", String.valueOf(pid));
        properties.setProperty("state", ready ? "ready" : "starting");
        int index = 0;
        for (Map.Entry<String, String> part : parts.entrySet()) {
            properties.setProperty("part." + index + ".name", part.getKey());
            properties.setProperty("part." + index + ".address", part.getValue());
            if (management.containsKey(part.getKey())) {
                properties.setProperty("part." + index + ".management", management.get(part.getKey()));
            }
            index++;
        }
        Path target = file(home);
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary)) {
            properties.store(writer, "Switchboard local stack");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + temporary, e);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target, e);
        }
    }

    public static Optional<StackState> read(Path home) {
        Path file = file(home);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            return Optional.empty();
        }
        Map<String, String> parts = new LinkedHashMap<>();
        Map<String, String> management = new LinkedHashMap<>();
        for (int index = 0; properties.containsKey("part." + index + ".name"); index++) {
            String name = properties.getProperty("part." + index + ".name");
            parts.put(name, properties.getProperty("part." + index + ".address"));
            String managementAddress = properties.getProperty("part." + index + ".management");
            if (managementAddress != null) {
                management.put(name, managementAddress);
            }
        }
        return Optional.of(new StackState(Long.parseLong(properties.getProperty("pid", "-1")),
                "ready".equals(properties.getProperty("state")), parts, management));
    }

    public static void delete(Path home) {
        try {
            Files.deleteIfExists(file(home));
        } catch (IOException e) {
            // A stale file is harmless: its pid no longer names a live launcher.
        }
    }

    public boolean launcherAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
