package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which JVM the services run on, and when they use their start-up cache or record a new one. */
class ServiceJvmTest {

    @TempDir
    Path dir;

    @Test
    void theMajorVersionIsReadFromTheJdksReleaseFile() throws IOException {
        assertThat(ServiceJvm.feature(jdk("temurin-25", "25.0.3"))).contains(25);
        assertThat(ServiceJvm.feature(jdk("openjdk-17", "17.0.15"))).contains(17);
        assertThat(ServiceJvm.feature(jdk("old", "1.8.0_402"))).contains(8);
        assertThat(ServiceJvm.feature(dir.resolve("nothing"))).isEmpty();
    }

    @Test
    void glibcsHeapIsTrimmedOnTheJdksThatHaveTheOption() throws IOException {
        assertThat(new ServiceJvm(jdk("temurin-25", "25.0.3"), 25).nativeHeapTrimOptions())
                .containsExactly("-XX:TrimNativeHeapInterval=5000");
        assertThat(new ServiceJvm(jdk("openjdk-17", "17.0.15"), 17).nativeHeapTrimOptions())
                .containsExactly("-XX:TrimNativeHeapInterval=5000");
        assertThat(new ServiceJvm(jdk("openjdk-17-old", "17.0.8"), 17).nativeHeapTrimOptions()).isEmpty();
        assertThat(new ServiceJvm(jdk("openjdk-21", "21.0.1"), 21).nativeHeapTrimOptions()).isNotEmpty();
        assertThat(new ServiceJvm(jdk("openjdk-20", "20.0.2"), 20).nativeHeapTrimOptions()).isEmpty();
        assertThat(new ServiceJvm(jdk("temurin-25-ga", "25"), 25).nativeHeapTrimOptions()).isNotEmpty();
    }

    @Test
    void theInstalledJdksAreThoseWithAJavaAndAReleaseFile() throws IOException {
        jdk("temurin-25", "25.0.3");
        jdk("openjdk-17", "17.0.15");
        Files.createDirectories(dir.resolve("not-a-jdk"));

        assertThat(ServiceJvm.installed(dir)).extracting(ServiceJvm::feature).containsExactlyInAnyOrder(25, 17);
    }

    @Test
    void aNamedJdkIsTakenAsItIsAndAnythingElseIsRefused() throws IOException {
        Path home = jdk("openjdk-17", "17.0.15");

        ServiceJvm jvm = ServiceJvm.choose(Map.of("SWITCHBOARD_SERVICES_JAVA_HOME", home.toString()));

        assertThat(jvm).isEqualTo(new ServiceJvm(home, 17));
        assertThat(jvm.aheadOfTimeCache()).isFalse();
        assertThatThrownBy(() -> ServiceJvm.choose(Map.of("SWITCHBOARD_SERVICES_JAVA_HOME", dir.toString())))
                .hasMessageContaining("SWITCHBOARD_SERVICES_JAVA_HOME");
    }

    @Test
    void withoutACacheAJdk25RecordsOneIntoAFileOfItsOwnThatIsKeptWhenItStops() throws IOException {
        Path app = build();

        ServiceJvm.StartupCache cache = new ServiceJvm(dir, 25).startupCache(app);

        assertThat(cache.records()).isTrue();
        assertThat(cache.options()).containsExactly("-XX:AOTCacheOutput=" + cache.recording());
        assertThat(cache.recording()).isNotEqualTo(cache.cache());
        Files.writeString(cache.recording(), "recorded");
        cache.keep();
        assertThat(cache.cache()).hasContent("recorded");
        assertThat(cache.recording()).doesNotExist();
        assertThat(new ServiceJvm(dir, 25).startupCache(app).options())
                .containsExactly("-XX:AOTCache=" + app.resolve("switchboard-jdk25.aot"));
    }

    @Test
    void aJdk17UsesAnApplicationClassDataArchiveTheSameWay() throws IOException {
        Path app = build();
        ServiceJvm jdk17 = new ServiceJvm(dir, 17);

        ServiceJvm.StartupCache recording = jdk17.startupCache(app);
        assertThat(recording.options()).containsExactly("-XX:ArchiveClassesAtExit=" + recording.recording());
        Files.writeString(recording.recording(), "recorded");
        recording.keep();

        assertThat(jdk17.startupCache(app).options())
                .containsExactly("-XX:SharedArchiveFile=" + app.resolve("switchboard-jdk17.jsa"));
    }

    @Test
    void withTheCacheOffAServiceNeitherUsesNorRecordsOne() throws IOException {
        Path home = jdk("temurin-25", "25.0.3");
        Path app = build();
        Files.writeString(app.resolve("switchboard-jdk25.aot"), "recorded");

        ServiceJvm jvm = ServiceJvm.choose(
                Map.of("SWITCHBOARD_SERVICES_JAVA_HOME", home.toString(), "SWITCHBOARD_STARTUP_CACHE", "off"));

        assertThat(jvm.startupCache(app).options()).isEmpty();
        assertThat(jvm.startupCache(app).records()).isFalse();
    }

    @Test
    void aCacheOlderThanAnyJarOfTheBuildIsRecordedAgain() throws IOException {
        Path app = build();
        Path cache = Files.writeString(app.resolve("switchboard-jdk25.aot"), "old");
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().minusSeconds(60)));

        assertThat(new ServiceJvm(dir, 25).startupCache(app).records()).isTrue();
    }

    @Test
    void aServiceKilledBeforeItWroteItsCacheLeavesTheOldOneInPlace() throws IOException {
        Path app = build();
        ServiceJvm.StartupCache cache = new ServiceJvm(dir, 25).startupCache(app);

        cache.keep();

        assertThat(cache.cache()).doesNotExist();
    }

    private Path build() throws IOException {
        Path app = Files.createDirectories(dir.resolve("quarkus-app"));
        Path jar = Files.writeString(Files.createDirectories(app.resolve("lib/main")).resolve("a.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(30)));
        return app;
    }

    private Path jdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
