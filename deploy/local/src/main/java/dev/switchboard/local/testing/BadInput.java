package dev.switchboard.local.testing;

/**
 * One case of a service's bad-input corpus: a named request and the refusal it must get. By default a 400 in the error
 * shape; {@link #param}, {@link #code} also check those fields, and {@link #bare} marks what the HTTP server refuses
 * before any handler runs (only a 4xx status, no body, is asserted then).
 */
public record BadInput(String name, HttpCall call, int status, String param, boolean paramChecked, String code,
        boolean codeChecked, boolean bare) {

    public static BadInput of(String name, HttpCall call) {
        return new BadInput(name, call, 400, null, false, null, false, false);
    }

    public BadInput status(int expected) {
        return new BadInput(name, call, expected, param, paramChecked, code, codeChecked, bare);
    }

    /** The {@code error.param} expected; null asserts that none is named. */
    public BadInput param(String expected) {
        return new BadInput(name, call, status, expected, true, code, codeChecked, bare);
    }

    /** The {@code error.code} expected; null asserts that there is none. */
    public BadInput code(String expected) {
        return new BadInput(name, call, status, param, paramChecked, expected, true, bare);
    }

    public BadInput bare(int expected) {
        return new BadInput(name, call, expected, param, paramChecked, code, codeChecked, true);
    }

    @Override
    public String toString() {
        return name;
    }
}
