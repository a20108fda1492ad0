package dev.switchboard.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Small helpers for loopback ports. */
public final class Ports {

    /**
     * Ports are picked below every common ephemeral range (Linux's starts at 32768), and so is a management port at
     * {@code port + Stack.MANAGEMENT_OFFSET}: a port picked seconds before its service binds it cannot be taken
     * meanwhile by an outgoing connection (the many Kafka and JDBC clients of a starting stack), which is what a port
     * the kernel hands out for port 0 risks.
     */
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 31_000;
    private static final int ATTEMPTS = 200;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** A port that was free on 127.0.0.1 a moment ago and that this JVM has not handed out before. */
    public static int free() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = random.nextInt(LOWEST, HIGHEST + 1);
            if (HANDED_OUT.contains(port) || HANDED_OUT.contains(port + Stack.MANAGEMENT_OFFSET)
                    || HANDED_OUT.contains(port - Stack.MANAGEMENT_OFFSET)) {
                continue;
            }
            if (canBind(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException(
                "no free port on loopback between " + LOWEST + " and " + HIGHEST + " after " + ATTEMPTS + " attempts"));
    }

    public static boolean inUse(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
