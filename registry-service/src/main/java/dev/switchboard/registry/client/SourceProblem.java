package dev.switchboard.registry.client;

/**
 * Why a synced catalog could not be used at all: {@code unreachable}, {@code timeout}, or {@code invalid} (not JSON,
 * neither format, too large, too many models, an error status). Nothing is changed when it is raised.
 */
public final class SourceProblem extends RuntimeException {

    private final String kind;

    private SourceProblem(String kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    public static SourceProblem unreachable(String message, Throwable cause) {
        return new SourceProblem("unreachable", message, cause);
    }

    public static SourceProblem timeout(String message) {
        return new SourceProblem("timeout", message, null);
    }

    public static SourceProblem invalid(String message) {
        return new SourceProblem("invalid", message, null);
    }

    public String kind() {
        return kind;
    }
}
