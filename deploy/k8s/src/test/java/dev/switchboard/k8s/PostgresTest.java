package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;

/** Registry and telemetry each use a database of the CloudNativePG cluster, as its owner, with the owner's Secret. */
class PostgresTest {

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([a-z0-9-]+):5432/([a-z0-9_]+)");

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eachServiceConnectsToItsOwnDatabaseAsItsOwner(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        JsonNode cluster = manifests.postgres();
        Map<String, String> owners = databaseOwners(manifests, cluster);
        Map<String, String> passwordSecrets = passwordSecrets(cluster);
        Map<String, String> databaseByService = new HashMap<>();
        for (String service : new String[] { "registry", "telemetry" }) {
            Container container = manifests.workload(service).containers().get(0);
            Matcher url = JDBC_URL.matcher(ContainerEnvironment.of(container, manifests).get(RequiredEnvironment.JDBC_URL));
            assertThat(url.matches()).as(service + " JDBC URL").isTrue();
            assertThat(url.group(1)).as(service + " database host").isEqualTo(Manifests.name(cluster) + "-rw");
            String database = url.group(2);
            assertThat(owners).as(service + " database").containsKey(database);
            databaseByService.put(service, database);

            String secret = secretOf(container, RequiredEnvironment.DB_USERNAME);
            assertThat(secretOf(container, RequiredEnvironment.DB_PASSWORD)).as(service).isEqualTo(secret);
            String user = manifests.secret(secret).orElseThrow().getStringData().get("username");
            assertThat(user).as(service + " database user").isEqualTo(owners.get(database));
            assertThat(passwordSecrets).as("the operator sets the password of " + user + " from").containsEntry(user, secret);
        }
        assertThat(databaseByService.get("registry")).isNotEqualTo(databaseByService.get("telemetry"));
    }

    /** Each database of the cluster and its owner: the bootstrap one, and those of Database resources. */
    private static Map<String, String> databaseOwners(Manifests manifests, JsonNode cluster) {
        Map<String, String> owners = new HashMap<>();
        JsonNode initdb = cluster.path("spec").path("bootstrap").path("initdb");
        owners.put(initdb.path("database").asText(), initdb.path("owner").asText());
        for (JsonNode database : manifests.ofKind("Database")) {
            if (database.path("spec").path("cluster").path("name").asText().equals(Manifests.name(cluster))) {
                owners.put(database.path("spec").path("name").asText(), database.path("spec").path("owner").asText());
            }
        }
        return owners;
    }

    /** Each role the operator creates, with the Secret its password comes from. */
    private static Map<String, String> passwordSecrets(JsonNode cluster) {
        Map<String, String> secrets = new HashMap<>();
        JsonNode initdb = cluster.path("spec").path("bootstrap").path("initdb");
        secrets.put(initdb.path("owner").asText(), initdb.path("secret").path("name").asText());
        cluster.path("spec").path("managed").path("roles").forEach(
                role -> secrets.put(role.path("name").asText(), role.path("passwordSecret").path("name").asText()));
        return secrets;
    }

    private static String secretOf(Container container, String variable) {
        return container.getEnv().stream().filter(env -> env.getName().equals(variable)).map(EnvVar::getValueFrom)
                .map(from -> from.getSecretKeyRef().getName()).findFirst()
                .orElseThrow(() -> new AssertionError(variable + " is not read from a Secret"));
    }
}
