package dev.switchboard.local.testing;

/**
 * One case of a service's bad-input corpus: a named request and the refusal it must get. By default a 400 in OpenAI's
 * error shape; {@link #param}, {@link #code} also check those fields, {@link #inAnthropicShape} asks for Anthropic's shape
 * instead (where the message must name the param, and there is no code), and {@link #bare} marks what the HTTP server
 * refuses before any handler runs (only a 4xx status, no body, is asserted then).
 */
public record BadInput(String name, HttpCall call, int status, String param, boolean paramChecked, String code,
        boolean codeChecked, boolean bare, boolean anthropic) {

    public static BadInput of(String name, HttpCall call) {
        return new BadInput(name, call, 400, null, false, null, false, false, false);
    }

    public BadInput status(int expected) {
        return new BadInput(name, call, expected, param, paramChecked, code, codeChecked, bare, anthropic);
    }

    /** The {@code error.param} expected; null asserts that none is named. In Anthropic's shape, the message names it. */
    public BadInput param(String expected) {
        return new BadInput(name, call, status, expected, true, code, codeChecked, bare, anthropic);
    }

    /** The {@code error.code} expected; null asserts that there is none. Anthropic's shape has no code. */
    public BadInput code(String expected) {
        return new BadInput(name, call, status, param, paramChecked, expected, true, bare, anthropic);
    }

    public BadInput bare(int expected) {
        return new BadInput(name, call, expected, param, paramChecked, code, codeChecked, true, anthropic);
    }

    /** The refusal is in Anthropic's shape, {@code {"type":"error","error":{"type","message"}}}, as on /v1/messages. */
    public BadInput inAnthropicShape() {
        return new BadInput(name, call, status, param, paramChecked, code, codeChecked, bare, true);
    }

    @Override
    public String toString() {
        return name;
    }
}
