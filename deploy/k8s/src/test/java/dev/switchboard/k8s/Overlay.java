package dev.switchboard.k8s;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The overlays under test, each assembled once per test run. */
enum Overlay {

    DEV("overlays/dev"),
    PROD("overlays/prod"),
    PROD_KEDA("overlays/prod-keda"),
    /** Prod less one provider, as deploy/README.md tells how: proves the recipe leaves nothing dangling. */
    PROD_WITHOUT_GROQ("src/test/resources/overlays/prod-without-groq");

    /** The providers deploy/k8s runs an adapter for. */
    static final List<String> PROVIDERS = List.of("openai", "anthropic", "gemini", "ollama", "groq", "openrouter",
            "deepseek", "mistral", "azure-openai", "mock");

    private static final Map<Overlay, Manifests> BUILT = new ConcurrentHashMap<>();

    private final String path;

    Overlay(String path) {
        this.path = path;
    }

    static Path root() {
        return Path.of(System.getProperty("switchboard.k8s.dir", "")).toAbsolutePath();
    }

    Path directory() {
        return root().resolve(path);
    }

    boolean production() {
        return this != DEV;
    }

    List<String> providers() {
        return this == PROD_WITHOUT_GROQ ? PROVIDERS.stream().filter(p -> !p.equals("groq")).toList() : PROVIDERS;
    }

    Manifests manifests() {
        return BUILT.computeIfAbsent(this, overlay -> new Manifests(Kustomize.build(overlay.directory())));
    }
}
