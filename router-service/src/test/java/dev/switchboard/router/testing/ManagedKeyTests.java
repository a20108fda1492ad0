package dev.switchboard.router.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** What the managed-key tests share besides {@link FakeAdapterTests}: keys published on switchboard.keys. */
public abstract class ManagedKeyTests extends FakeAdapterTests {

    protected ManagedKeys keys;

    @BeforeAll
    void startKeys() {
        keys = new ManagedKeys(bootstrapServers);
    }

    @AfterAll
    void stopKeys() {
        keys.close();
    }

    @Override
    protected void warmUp() {
        FakeAdapter.awaitServed(FakeAdapter.HEALTHY_PROVIDER, true);
    }
}
