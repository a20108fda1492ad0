package dev.switchboard.k8s;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The environment variables each service reads in production, by component: the one list, kept with the services. */
final class RequiredEnvironment {

    static final String KAFKA = "KAFKA_BOOTSTRAP_SERVERS";
    static final String REGISTRY_URL = "QUARKUS_REST_CLIENT_REGISTRY_URL";
    static final String TELEMETRY_URL = "QUARKUS_REST_CLIENT_TELEMETRY_URL";
    static final String JDBC_URL = "QUARKUS_DATASOURCE_JDBC_URL";
    static final String DB_USERNAME = "QUARKUS_DATASOURCE_USERNAME";
    static final String DB_PASSWORD = "QUARKUS_DATASOURCE_PASSWORD";
    static final String ADMIN_KEY = "SWITCHBOARD_ADMIN_KEY";
    /** The read-only operations key: accepted by every service for reads, and sent by each to the others. */
    static final String OPS_KEY = "SWITCHBOARD_OPS_KEY";
    static final String ADAPTERS_ENABLED = "SWITCHBOARD_ADAPTERS_ENABLED";
    /** Optional for the router itself; deploy/k8s sets it from the StatefulSet pod index. */
    static final String REPLY_PARTITION = "SWITCHBOARD_ROUTER_REPLY_PARTITION";

    static final Map<String, Set<String>> BY_COMPONENT = Map.of(
            "router", Set.of(KAFKA, "SWITCHBOARD_API_KEY", OPS_KEY, REGISTRY_URL, TELEMETRY_URL),
            "registry", Set.of(KAFKA, JDBC_URL, DB_USERNAME, DB_PASSWORD, ADMIN_KEY, OPS_KEY, TELEMETRY_URL),
            "telemetry", Set.of(KAFKA, JDBC_URL, DB_USERNAME, DB_PASSWORD, ADMIN_KEY, OPS_KEY, REGISTRY_URL),
            Workload.ADAPTER, Set.of(KAFKA, ADAPTERS_ENABLED, OPS_KEY));

    /** Providers that run without a key: the mock inside the adapter, and Ollama on the caller's own hardware. */
    private static final Set<String> KEYLESS = Set.of("mock", "ollama");
    /** Providers without one public endpoint: Azure's is the customer's resource, Ollama's wherever it runs. */
    private static final Set<String> NEEDS_BASE_URL = Set.of("azure-openai", "ollama");

    private RequiredEnvironment() {
    }

    /** What one adapter Deployment needs on top of every adapter's variables. */
    static Set<String> forProvider(String provider) {
        Set<String> variables = new TreeSet<>();
        if (!KEYLESS.contains(provider)) {
            variables.add(providerVariable(provider, "API_KEY"));
        }
        if (NEEDS_BASE_URL.contains(provider)) {
            variables.add(providerVariable(provider, "BASE_URL"));
        }
        return variables;
    }

    /** {@code SWITCHBOARD_PROVIDERS_<NAME>_<SETTING>}, the name upper-cased with '-' turned into '_'. */
    static String providerVariable(String provider, String setting) {
        return "SWITCHBOARD_PROVIDERS_" + provider.toUpperCase(Locale.ROOT).replace('-', '_') + "_" + setting;
    }
}
