package dev.switchboard.adapters.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.contracts.Providers;

class AllProvidersTest {

    @Test
    void defaultEnabledListIsEveryKnownProvider() {
        assertThat(List.of(RequestTopicsConfigSourceFactory.ALL_PROVIDERS.split(",")))
                .containsExactlyInAnyOrderElementsOf(Providers.KNOWN);
    }
}
