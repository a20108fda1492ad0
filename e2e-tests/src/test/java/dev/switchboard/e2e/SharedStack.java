package dev.switchboard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.switchboard.local.Stack;

/**
 * One stack with two router replicas, shared by the suites that only call it ({@code @ExtendWith(SharedStack.class)}):
 * the first such suite starts it, and it stops once the last has run. Its OpenAI-compatible stub (OpenAI's and Azure
 * OpenAI's calls, each at its own paths) and its stub of the native providers (Anthropic, Gemini and Ollama on one
 * address) start empty for every suite, which stubs what it needs in its {@code @BeforeAll}. A suite that changes the
 * stack itself (its environment, its processes) starts its own with {@link E2eStack}. {@link SuitesLast} runs these suites
 * after the others, so the stack does not idle beside them.
 */
public final class SharedStack implements BeforeAllCallback {

    public static final String API_KEY = "sb-e2e-" + UUID.randomUUID();
    public static final String OPENAI_KEY = "sk-e2e-0123456789abcdefghijklmnopqrstuv";
    public static final String AZURE_KEY = "AzureE2e0123456789abcdefghijklmnop";

    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(ExtensionContext.Namespace.create(SharedStack.class))
                .computeIfAbsent(Running.class, type -> Running.start(), Running.class);
        running.openAi().resetAll();
        running.providers().resetAll();
    }

    /** The shared stack; only within a suite extended with this class. */
    public static Stack stack() {
        return running.stack();
    }

    /**
     * The stub every OpenAI call of the stack reaches, at {@code /v1/...}, and every Azure OpenAI call, at
     * {@code /openai/...}.
     */
    public static WireMockServer openAi() {
        return running.openAi();
    }

    /** The stub Anthropic's, Gemini's and Ollama's calls of the stack reach, each at its own paths. */
    public static WireMockServer providers() {
        return running.providers();
    }

    /** The first router replica's address, where the suites' calls go unless a case says otherwise. */
    public static String router() {
        return running.stack().parts().get(Stack.ROUTER);
    }

    /** The second router replica's address, for the cases about state that every replica must see. */
    public static String secondRouter() {
        return running.stack().parts().get(Stack.ROUTER + "-2");
    }

    /** The running stack and its stubs; JUnit closes it after the last suite. */
    private record Running(Stack stack, WireMockServer openAi, WireMockServer providers) implements AutoCloseable {

        static Running start() {
            WireMockServer openAi = E2eStack.startStub();
            WireMockServer providers = E2eStack.startStub();
            String openAiUrl = "http://127.0.0.1:" + openAi.port();
            String providersUrl = "http://127.0.0.1:" + providers.port();
            try {
                return new Running(E2eStack.start("shared", 2, API_KEY, "sb-admin-" + UUID.randomUUID(), Map.ofEntries(
                        Map.entry("SWITCHBOARD_PROVIDERS_OPENAI_BASE_URL", openAiUrl + "/v1"),
                        Map.entry("SWITCHBOARD_PROVIDERS_OPENAI_API_KEY", OPENAI_KEY),
                        Map.entry("SWITCHBOARD_PROVIDERS_AZURE_OPENAI_BASE_URL", openAiUrl),
                        Map.entry("SWITCHBOARD_PROVIDERS_AZURE_OPENAI_API_KEY", AZURE_KEY),
                        Map.entry("SWITCHBOARD_PROVIDERS_ANTHROPIC_BASE_URL", providersUrl),
                        Map.entry("SWITCHBOARD_PROVIDERS_ANTHROPIC_API_KEY", "sk-ant-e2e-0123456789abcdefghijklmnop"),
                        Map.entry("SWITCHBOARD_PROVIDERS_GEMINI_BASE_URL", providersUrl),
                        Map.entry("SWITCHBOARD_PROVIDERS_GEMINI_API_KEY", "AIzaE2E0123456789abcdefghijklmnopqrstuv"),
                        Map.entry("SWITCHBOARD_PROVIDERS_OLLAMA_BASE_URL", providersUrl))), openAi, providers);
            } catch (IOException | RuntimeException e) {
                E2eStack.stop(null, openAi, providers);
                if (e instanceof IOException io) {
                    throw new UncheckedIOException(io);
                }
                throw (RuntimeException) e;
            }
        }

        @Override
        public void close() {
            E2eStack.stop(stack, openAi, providers);
        }
    }

    /** Orders the suites on the shared stack after every other suite, keeping the order within each group. */
    public static final class SuitesLast implements ClassOrderer {

        @Override
        public void orderClasses(ClassOrdererContext context) {
            context.getClassDescriptors().sort(Comparator.comparing(SuitesLast::onTheSharedStack));
        }

        private static boolean onTheSharedStack(ClassDescriptor suite) {
            return suite.findAnnotation(ExtendWith.class)
                    .map(extensions -> Arrays.asList(extensions.value()).contains(SharedStack.class)).orElse(false);
        }
    }
}
