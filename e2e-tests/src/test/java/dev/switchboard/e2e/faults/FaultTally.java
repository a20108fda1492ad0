package dev.switchboard.e2e.faults;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One case's figures, as a row of the README's "Faults" table. */
record FaultTally(String fault, long sent, long answered, long failedClearly, Map<String, Long> failures, long cut,
        long lost, long answeredTwice, long usageMissing, long usageDuplicated, double secondsToReady,
        List<CallOutcome> lostCalls) {

    static final String HEADER = "| fault | sent | answered | failed with a clear error | cut with the replica | lost | "
            + "answered twice | usage missing / duplicated | s until all ready |\n"
            + "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |";

    static FaultTally of(String fault, List<CallOutcome> calls, UsageLedger usage, double secondsToReady) {
        Map<String, Long> failures = calls.stream().filter(call -> call.kind() == CallOutcome.Kind.FAILED_CLEARLY)
                .collect(Collectors.groupingBy(CallOutcome::detail, TreeMap::new, Collectors.counting()));
        return new FaultTally(fault, calls.size(), count(calls, CallOutcome.Kind.ANSWERED),
                count(calls, CallOutcome.Kind.FAILED_CLEARLY), failures, count(calls, CallOutcome.Kind.CUT_WITH_REPLICA),
                count(calls, CallOutcome.Kind.LOST), usage.answeredTwice(calls), usage.missing(calls),
                usage.duplicated(calls), secondsToReady,
                calls.stream().filter(call -> call.kind() == CallOutcome.Kind.LOST).limit(10).toList());
    }

    String row() {
        String failed = failedClearly == 0 ? "0"
                : failedClearly + " (" + failures.entrySet().stream()
                        .map(entry -> entry.getValue() + "× " + entry.getKey()).collect(Collectors.joining(", ")) + ")";
        return String.format(java.util.Locale.ROOT, "| %s | %d | %d | %s | %d | %d | %d | %d / %d | %.1f |", fault, sent,
                answered, failed, cut, lost, answeredTwice, usageMissing, usageDuplicated, secondsToReady);
    }

    private static long count(List<CallOutcome> calls, CallOutcome.Kind kind) {
        return calls.stream().filter(call -> call.kind() == kind).count();
    }
}
