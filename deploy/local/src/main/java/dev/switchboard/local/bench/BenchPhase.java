package dev.switchboard.local.bench;

import java.util.function.Function;

/**
 * One measured load of the benchmark, declared rather than written out: what it calls (through the router, or straight
 * at the stub as the floor to compare with), how hard, and what else is read while it runs. A new phase is one more
 * entry in {@link Bench#PHASES}; for a call of its own (another endpoint, a managed key), give it a {@link #calling}.
 *
 * @param name how the report names it; also what other phases refer to it by
 * @param target whom the load is sent to
 * @param load a fixed rate or a number of closed-loop callers
 * @param call the request, made against the side under test (or the stub)
 * @param overheadOver the name of a stub phase whose latencies are subtracted to give the gateway's overhead, or null
 * @param memory whether each part's resident memory is read at the end of the phase
 * @param cpu whether each part's CPU time per request is measured during the phase
 */
public record BenchPhase(String name, Target target, Load load, Function<Call.Target, Call> call, String overheadOver,
        boolean memory, boolean cpu) {

    /** Whom a phase loads. */
    public enum Target {
        /** The router of the side being measured: once per side and round. */
        ROUTER,
        /** The provider stub, straight: the floor of the load generator and stub, once per round for every side. */
        STUB
    }

    /**
     * How hard a phase loads.
     *
     * @param fixedRate true for an open-loop load of {@code amount} requests per second, false for {@code amount}
     *        callers that each send their next request as soon as the last is answered
     */
    public record Load(boolean fixedRate, int amount) {

        public static Load perSecond(int rate) {
            return new Load(true, rate);
        }

        public static Load callers(int callers) {
            return new Load(false, callers);
        }
    }

    /** A plain chat completion through the router of the side being measured. */
    public static BenchPhase router(String name, Load load) {
        return new BenchPhase(name, Target.ROUTER, load, Call::chatCompletion, null, false, false);
    }

    /** The same chat completion straight at the stub. */
    public static BenchPhase stub(String name, Load load) {
        return new BenchPhase(name, Target.STUB, load, Call::chatCompletion, null, false, false);
    }

    public BenchPhase calling(Function<Call.Target, Call> call) {
        return new BenchPhase(name, target, load, call, overheadOver, memory, cpu);
    }

    public BenchPhase overheadOver(String stubPhase) {
        return new BenchPhase(name, target, load, call, stubPhase, memory, cpu);
    }

    public BenchPhase readingMemory() {
        return new BenchPhase(name, target, load, call, overheadOver, true, cpu);
    }

    public BenchPhase readingCpu() {
        return new BenchPhase(name, target, load, call, overheadOver, memory, true);
    }
}
