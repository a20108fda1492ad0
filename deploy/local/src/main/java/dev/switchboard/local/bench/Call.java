package dev.switchboard.local.bench;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request a benchmark phase sends over and over: where, with which headers and body.
 *
 * @param url absolute URL of the endpoint
 * @param headers request headers, Content-Type included
 * @param body the request body, sent as it is
 */
public record Call(String url, Map<String, String> headers, String body) {

    private static final String CHAT_BODY = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";

    /** Not stored: a stored response adds a write to the registry, which is not what the path's overhead is about. */
    private static final String RESPONSES_BODY = "{\"model\":\"openai/gpt-4o-mini\",\"input\":\"ping\",\"store\":false}";
    private static final String MESSAGES_BODY = "{\"model\":\"anthropic/claude-haiku-5-5\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";

    /** A small plain Responses call, which the stubbed {@code openai} provider gets natively. */
    public static Call responses(Target target) {
        return post(target, "/v1/responses", RESPONSES_BODY);
    }

    /** A small plain Messages call, as Anthropic's SDKs send it, which the stubbed {@code anthropic} gets natively. */
    public static Call messages(Target target) {
        return messages(target, MESSAGES_BODY);
    }

    /** A Messages call with this body and the {@code anthropic-version} header Anthropic's SDKs send. */
    public static Call messages(Target target, String json) {
        return post(target, "/v1/messages", json).withHeader("anthropic-version", "2023-06-01");
    }

    /** A small plain chat completion for the stubbed {@code openai} provider, with the target's API key. */
    public static Call chatCompletion(Target target) {
        return post(target, "/v1/chat/completions", CHAT_BODY);
    }

    /**
     * The same chat completion as the caller's part of a sampled trace (a W3C {@code traceparent} with the sampled flag),
     * so that every service records and exports its spans; a call without one starts no sampled trace. The phase's
     * calls share one trace id, which costs the services what as many traces would.
     */
    public static Call tracedChatCompletion(Target target) {
        return chatCompletion(target).withHeader("traceparent", "00-" + HexFormat.of().formatHex(randomBytes(16)) + "-"
                + HexFormat.of().formatHex(randomBytes(8)) + "-01");
    }

    /** The same chat completion, with a managed key made for the phase (a budget and limits it never reaches). */
    public static Call managedKeyChatCompletion(Target target) {
        return chatCompletion(new Target(target.baseUrl(), ManagedKey.create(target), target.adminKey(),
                target.parts()));
    }

    /** A JSON POST to a path of the target, authorized with its API key. */
    public static Call post(Target target, String path, String json) {
        return new Call(target.baseUrl() + path,
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + target.apiKey()), json);
    }

    /** The same call with one more header, or this header's value replaced. */
    public Call withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Call(url, more, body);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /**
     * What a phase's call is made against.
     *
     * @param baseUrl the router's (or the stub's) base URL, without a path
     * @param apiKey an API key the router accepts
     * @param adminKey the stack's admin key, for phases that set something up first (a managed key, say)
     * @param parts every part of the stack by name with its address, as {@code ./switchboard status} lists them
     */
    public record Target(String baseUrl, String apiKey, String adminKey, Map<String, String> parts) {
    }
}
