package dev.switchboard.e2e.faults;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Judges one answer: the echoed prompt, or an error in OpenAI's shape, within the router's deadline. */
final class FaultVerdict {

    /** Time past the deadline for the error itself to travel back. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private FaultVerdict() {
    }

    static CallOutcome judge(String router, boolean streamed, String prompt, HttpResponse<String> response,
            long elapsedMillis, Duration deadline) {
        String requestId = response.headers().firstValue("X-Request-Id").orElse(null);
        int attempts = response.headers().firstValue("X-Switchboard-Attempts").map(Integer::parseInt).orElse(0);
        int status = response.statusCode();
        String problem;
        CallOutcome.Kind kind;
        if (elapsedMillis > deadline.plus(GRACE).toMillis()) {
            kind = CallOutcome.Kind.LOST;
            problem = "answered after the deadline, in " + elapsedMillis + " ms";
        } else if (status >= 400) {
            String code = errorCode(parse(response.body()));
            kind = code != null ? CallOutcome.Kind.FAILED_CLEARLY : CallOutcome.Kind.LOST;
            problem = code != null ? status + " " + code : status + " without the error shape: " + clip(response.body());
        } else if (status != 200) {
            kind = CallOutcome.Kind.LOST;
            problem = "status " + status;
        } else if (streamed) {
            StreamVerdict verdict = streamVerdict(response.body(), prompt);
            kind = verdict.kind();
            problem = verdict.detail();
        } else {
            JsonNode answer = parse(response.body());
            boolean echoed = answer != null
                    && prompt.equals(answer.path("choices").path(0).path("message").path("content").asText(null));
            kind = echoed ? CallOutcome.Kind.ANSWERED : CallOutcome.Kind.LOST;
            problem = echoed ? null : "wrong answer: " + clip(response.body());
        }
        return new CallOutcome(router, streamed, kind, status, requestId, attempts, elapsedMillis, problem);
    }

    private record StreamVerdict(CallOutcome.Kind kind, String detail) {
    }

    /** A stream is answered when its chunks spell the prompt and it ends with [DONE]; an error event is a clear failure. */
    private static StreamVerdict streamVerdict(String body, String prompt) {
        StringBuilder text = new StringBuilder();
        boolean done = false;
        for (String line : body.split("\n")) {
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring(5).trim();
            if (data.equals("[DONE]")) {
                done = true;
                continue;
            }
            JsonNode event = parse(data);
            if (event == null) {
                return new StreamVerdict(CallOutcome.Kind.LOST, "unreadable event: " + clip(data));
            }
            if (event.has("error")) {
                String code = errorCode(event);
                return code != null ? new StreamVerdict(CallOutcome.Kind.FAILED_CLEARLY, "stream " + code)
                        : new StreamVerdict(CallOutcome.Kind.LOST, "error event without the shape: " + clip(data));
            }
            for (JsonNode choice : event.path("choices")) {
                text.append(choice.path("delta").path("content").asText(""));
            }
        }
        if (done && text.toString().equals(prompt)) {
            return new StreamVerdict(CallOutcome.Kind.ANSWERED, null);
        }
        return new StreamVerdict(CallOutcome.Kind.LOST, (done ? "wrong text: " : "no [DONE]: ") + clip(text.toString()));
    }

    /** The error's code (or type) when the body is in OpenAI's shape, with a message and a type; else null. */
    private static String errorCode(JsonNode body) {
        if (body == null) {
            return null;
        }
        JsonNode error = body.path("error");
        if (!error.path("message").isTextual() || !error.path("type").isTextual() || !error.has("code")) {
            return null;
        }
        return error.path("code").isTextual() ? error.path("code").asText() : error.path("type").asText();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
