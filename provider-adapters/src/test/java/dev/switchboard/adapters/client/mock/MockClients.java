package dev.switchboard.adapters.client.mock;

import java.time.Duration;

import dev.switchboard.adapters.client.ProviderTestSupport;
import dev.switchboard.adapters.config.ProvidersConfig.MockSettings;

/** The mock provider's client as tests use it: no latency, on a test support's shared HTTP client. */
final class MockClients {

    private MockClients() {
    }

    static MockProviderClient of(ProviderTestSupport support) {
        return new MockProviderClient(ProviderTestSupport.MAPPER, new MockSettings() {
            @Override
            public Duration latency() {
                return Duration.ZERO;
            }

            @Override
            public Duration chunkDelay() {
                return Duration.ZERO;
            }
        }, support.http(), support.classifier());
    }
}
