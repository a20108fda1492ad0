package dev.switchboard.local.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.contracts.ApiError;

/**
 * Asserts that an answer is the refusal a {@link BadInput} expects, in OpenAI's error shape, or Anthropic's where the
 * case asks for it, unless it is bare.
 */
public final class ErrorShape {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("message", "type", "param", "code");
    private static final Set<String> ANTHROPIC_FIELDS = Set.of("type", "message");

    private ErrorShape() {
    }

    /** Sends the case to the service on this port and checks the answer; fails with every difference found. */
    public static RawHttp.Answer assertRefused(int port, BadInput input) {
        RawHttp.Answer answer = RawHttp.exchange(port, input.call());
        List<String> problems = problems(input, answer);
        if (!problems.isEmpty()) {
            throw new AssertionError(input.name() + ": " + String.join("; ", problems) + "\n  answer: " + answer.status()
                    + " " + answer.headers() + " " + abbreviate(answer.text()));
        }
        return answer;
    }

    static List<String> problems(BadInput input, RawHttp.Answer answer) {
        List<String> problems = new ArrayList<>();
        if (answer.status() == 0) {
            problems.add("no answer (" + answer.failure() + ")");
            return problems;
        }
        if (answer.status() != input.status()) {
            problems.add("status " + answer.status() + ", expected " + input.status());
        }
        if (answer.status() >= 500 || answer.status() < 400) {
            problems.add("not a 4xx");
        }
        if (answer.status() == 405 && answer.header("allow") == null) {
            problems.add("a 405 without an Allow header naming the methods the route takes");
        }
        if (input.bare()) {
            return problems;
        }
        String type = answer.header("content-type");
        if (type == null || !type.startsWith("application/json")) {
            problems.add("Content-Type " + type + ", expected application/json");
        }
        if (input.anthropic()) {
            anthropicProblems(input, answer, problems);
            return problems;
        }
        JsonNode error;
        try {
            JsonNode root = MAPPER.readTree(answer.body());
            if (root == null || !root.isObject() || root.size() != 1 || !root.path("error").isObject()) {
                problems.add("the body is not {\"error\":{...}}");
                return problems;
            }
            error = root.get("error");
        } catch (Exception e) {
            problems.add("the body is not JSON");
            return problems;
        }
        for (Iterator<String> names = error.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add("unexpected error." + name);
            }
        }
        FIELDS.stream().filter(field -> !error.has(field)).forEach(field -> problems.add("no error." + field));
        String message = error.path("message").asText("");
        if (!error.path("message").isTextual() || message.isBlank()) {
            problems.add("error.message is not a sentence");
        }
        if (message.contains("\tat ") || message.contains("Exception") || message.contains("java.")) {
            problems.add("error.message shows internals");
        }
        // 401 and 403 keep the types their filters give them; everything else follows the status.
        if (answer.status() != 401 && answer.status() != 403
                && !ApiError.typeFor(answer.status()).equals(error.path("type").asText())) {
            problems.add("error.type " + error.path("type") + ", expected " + ApiError.typeFor(answer.status()));
        }
        checkText(error, "param", input.paramChecked(), input.param(), problems);
        checkText(error, "code", input.codeChecked(), input.code(), problems);
        return problems;
    }

    /** Anthropic's shape: no {@code param} or {@code code}, so a named param must be in the message. */
    private static void anthropicProblems(BadInput input, RawHttp.Answer answer, List<String> problems) {
        JsonNode error;
        try {
            JsonNode root = MAPPER.readTree(answer.body());
            if (root == null || !root.isObject() || root.size() != 2 || !"error".equals(root.path("type").asText())
                    || !root.path("error").isObject()) {
                problems.add("the body is not {\"type\":\"error\",\"error\":{...}}");
                return;
            }
            error = root.get("error");
        } catch (Exception e) {
            problems.add("the body is not JSON");
            return;
        }
        for (Iterator<String> names = error.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!ANTHROPIC_FIELDS.contains(name)) {
                problems.add("unexpected error." + name);
            }
        }
        String message = error.path("message").asText("");
        if (!error.path("message").isTextual() || message.isBlank()) {
            problems.add("error.message is not a sentence");
        }
        if (message.contains("\tat ") || message.contains("Exception") || message.contains("java.")) {
            problems.add("error.message shows internals");
        }
        String expected = anthropicType(answer.status());
        if (!expected.equals(error.path("type").asText())) {
            problems.add("error.type " + error.path("type") + ", expected " + expected);
        }
        if (input.paramChecked() && input.param() != null && !message.contains(input.param())) {
            problems.add("error.message does not name " + input.param());
        }
    }

    /** The error types Anthropic's API documents per status. */
    private static String anthropicType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            default -> "invalid_request_error";
        };
    }

    private static void checkText(JsonNode error, String field, boolean checked, String expected, List<String> problems) {
        JsonNode value = error.path(field);
        if (!value.isNull() && !value.isTextual() && !value.isMissingNode()) {
            problems.add("error." + field + " is neither text nor null");
        }
        String actual = value.isTextual() ? value.asText() : null;
        if (checked && !Objects.equals(expected, actual)) {
            problems.add("error." + field + " " + actual + ", expected " + expected);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }
}
