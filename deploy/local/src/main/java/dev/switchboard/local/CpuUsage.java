package dev.switchboard.local;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time each part of a benchmark run has used so far, in nanoseconds: each service process, the PostgreSQL
 * processes, and this launcher split into the benchmark's own threads (load generator and stub) and the rest (the
 * Kafka broker).
 */
final class CpuUsage {

    static final String BROKER = "Kafka broker";
    static final String LOAD = "load generator + stub";
    static final String POSTGRES = "PostgreSQL";
    /** Linux reports process times in ticks of 1/100 s. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuUsage() {
    }

    static Map<String, Long> sample(Stack stack, String benchThreadPrefix) {
        Map<String, Long> nanos = new LinkedHashMap<>();
        for (ServiceProcess service : stack.services()) {
            nanos.put(service.spec().name(), processNanos(service.pid()));
        }
        long load = threadNanos(benchThreadPrefix);
        nanos.put(BROKER, processNanos(ProcessHandle.current().pid()) - load);
        nanos.put(LOAD, load);
        stack.postgres().ifPresent(postgres -> nanos.put(POSTGRES, processNanos(postgres.processes())));
        return nanos;
    }

    private static long processNanos(List<ProcessHandle> processes) {
        return processes.stream().mapToLong(process -> processNanos(process.pid())).filter(n -> n >= 0).sum();
    }

    /** User plus system time of one process, from /proc; -1 when it cannot be read. */
    static long processNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command name: utime and stime are fields 14 and 15 of the whole line.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long threadNanos(String prefix) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().startsWith(prefix)) {
                total += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return total;
    }
}
