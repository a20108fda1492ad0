package dev.switchboard.local.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** CPU time and resident memory of processes, read from /proc, and the CPU time of some of this JVM's threads. */
final class ProcessStats {

    /** Linux reports process times in ticks of 1/100 s. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessStats() {
    }

    /**
     * User plus system time so far of one process and of its children that have ended, in nanoseconds; -1 when it
     * cannot be read. The ended children count because PostgreSQL's backends come and go: a backend that exits between
     * two readings takes its time out of the sum of the live ones, and the postmaster, which waits for it, gets it.
     */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command name: utime, stime, cutime and cstime are fields 14 to 17 of the whole line.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The CPU time of several processes together, leaving out those that cannot be read. */
    static long cpuNanos(Collection<Long> pids) {
        return pids.stream().mapToLong(ProcessStats::cpuNanos).filter(nanos -> nanos >= 0).sum();
    }

    /** The CPU time of this JVM's threads whose names start with the prefix. */
    static long threadCpuNanos(String prefix) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().startsWith(prefix)) {
                total += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return total;
    }

    /** The resident set of one process in kB; -1 when it cannot be read. */
    static long residentKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
