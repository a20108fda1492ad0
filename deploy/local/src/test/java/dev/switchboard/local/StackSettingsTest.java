package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `./switchboard up` makes of its environment, and how `status` lists what runs. */
class StackSettingsTest {

    @TempDir
    Path home;

    @Test
    void oneRouterOnItsPortByDefaultAndTheDataKeptUnderTheHome() {
        StackSettings settings = settings(Map.of());

        assertThat(settings.routerPorts()).containsExactly(8080);
        assertThat(settings.persistentData()).isTrue();
        assertThat(settings.home()).isEqualTo(home);
    }

    @Test
    void eachServiceGetsTheYoungGenerationAndHeapLimitItsWorkWantsUnlessOptionsAreGiven() {
        StackSettings defaults = settings(Map.of());

        assertThat(defaults.javaOptions(spec("router-service"))).startsWith("-Xms112m", "-Xmn96m", "-Xmx384m")
                .containsAll(StackSettings.DEFAULT_JAVA_OPTIONS).hasSize(StackSettings.DEFAULT_JAVA_OPTIONS.size() + 3);
        assertThat(defaults.javaOptions(spec("provider-adapters"))).startsWith("-Xms112m", "-Xmn96m", "-Xmx384m");
        assertThat(defaults.javaOptions(spec("registry-service"))).startsWith("-Xms48m", "-Xmn32m", "-Xmx128m");
        assertThat(defaults.javaOptions(spec("telemetry-service"))).startsWith("-Xms48m", "-Xmn32m", "-Xmx128m");

        StackSettings given = settings(Map.of("SWITCHBOARD_JAVA_OPTS", " -Xmx1g  -XX:+UseG1GC "));
        assertThat(given.javaOptions(spec("router-service"))).containsExactly("-Xmx1g", "-XX:+UseG1GC");
        assertThat(given.javaOptions(spec("registry-service"))).containsExactly("-Xmx1g", "-XX:+UseG1GC");
    }

    @Test
    void eachFurtherRouterReplicaIsTenPortsHigher() {
        assertThat(settings(Map.of("SWITCHBOARD_ROUTER_REPLICAS", "3")).routerPorts()).containsExactly(8080, 8090, 8100);
        assertThat(settings(Map.of("SWITCHBOARD_ROUTER_REPLICAS", "2", "SWITCHBOARD_ROUTER_PORT", "9000")).routerPorts())
                .containsExactly(9000, 9010);
    }

    @Test
    void replicasBeyondTheReplyPartitionsOrNotANumberAreRefused() {
        for (String replicas : new String[] { "0", "17", "two", "-1" }) {
            assertThatThrownBy(() -> settings(Map.of("SWITCHBOARD_ROUTER_REPLICAS", replicas)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SWITCHBOARD_ROUTER_REPLICAS must be a number from 1 to 16")
                    .hasMessageContaining("'" + replicas + "'");
        }
        assertThat(settings(Map.of("SWITCHBOARD_ROUTER_REPLICAS", "16")).routerPorts()).hasSize(16).endsWith(8230);
    }

    @Test
    void aReplicaPastTheLastPortIsRefused() {
        assertThatThrownBy(() -> settings(Map.of("SWITCHBOARD_ROUTER_REPLICAS", "3", "SWITCHBOARD_ROUTER_PORT", "65520")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("router replica 3 would need port 65540");
    }

    @Test
    void upWarmsUpForTwoAndAHalfMinutesUnlessToldOtherwise() {
        assertThat(settings(Map.of()).warmUp()).isEqualTo(Duration.ofSeconds(150));
        assertThat(settings(Map.of("SWITCHBOARD_WARMUP_SECONDS", "0")).warmUp()).isZero();
        assertThat(settings(Map.of("SWITCHBOARD_WARMUP_SECONDS", " 600 ")).warmUp()).isEqualTo(Duration.ofMinutes(10));
        for (String seconds : new String[] { "-1", "601", "ninety", "1.5" }) {
            assertThatThrownBy(() -> settings(Map.of("SWITCHBOARD_WARMUP_SECONDS", seconds)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("SWITCHBOARD_WARMUP_SECONDS must be a whole number of seconds from 0 to 600, not '"
                            + seconds + "'");
        }
    }

    @Test
    void theLauncherCallsTheRouterWithTheFirstOfSeveralApiKeys() {
        StackSettings settings = settings(Map.of("SWITCHBOARD_API_KEY", " sb-first , sb-second"));

        assertThat(settings.apiKey()).isEqualTo("sb-first , sb-second");
        assertThat(settings.callerKey()).isEqualTo("sb-first");
        assertThat(settings(Map.of("SWITCHBOARD_API_KEY", "sb-only")).callerKey()).isEqualTo("sb-only");
    }

    @Test
    void statusListsEveryRouterReplicaWithItsAddressAndState() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> parts = new LinkedHashMap<>();
            parts.put("router", "http://127.0.0.1:" + Ports.free());
            parts.put("router-2", "http://127.0.0.1:" + Ports.free());
            parts.put("router-3", "http://127.0.0.1:" + Ports.free());
            parts.put("kafka", "127.0.0.1:" + listening.getLocalPort());
            Map<String, String> management = new LinkedHashMap<>();
            for (String router : List.of("router", "router-2", "router-3")) {
                management.put(router, "http://127.0.0.1:" + Ports.free());
            }
            new StackState(ProcessHandle.current().pid(), true, parts, management).write(home);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            int exitCode = Main.status(home, new PrintStream(printed, true, StandardCharsets.UTF_8));

            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(exitCode).isZero();
            assertThat(output).contains("ready");
            assertThat(output.lines().filter(line -> line.startsWith("router"))).hasSize(3)
                    .allMatch(line -> line.endsWith("not ready"));
            assertThat(output).containsPattern("router-3 +" + parts.get("router-3").replace(".", "\\.") + " +"
                    + management.get("router-3").replace(".", "\\.") + " +not ready");
            assertThat(output).containsPattern("kafka +127\\.0\\.0\\.1:" + listening.getLocalPort() + " +up");
        }
    }

    @Test
    void statusSaysWhenNothingRuns() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exitCode = Main.status(home, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(exitCode).isEqualTo(3);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("not running");
    }

    private static ServiceSpec spec(String module) {
        return new ServiceSpec(module, module, 8080, 9080, Map.of());
    }

    private StackSettings settings(Map<String, String> env) {
        Map<String, String> withHome = new HashMap<>(env);
        withHome.put("SWITCHBOARD_HOME", home.toString());
        return StackSettings.fromEnvironment(home.getParent(), withHome);
    }
}
