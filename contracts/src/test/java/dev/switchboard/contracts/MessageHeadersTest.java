package dev.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class MessageHeadersTest {

    private static final Attribution MANAGED = new Attribution("checkout", null, null, null, null, null, null, null);

    @Test
    void aUsageEventNamesItsKeyForSpendOnlyWhenTheKeyIsManaged() {
        assertThat(MessageHeaders.decode(MessageHeaders.apiKeyId(usage("key_managed", MANAGED)))).isEqualTo("key_managed");
        // A static key's call is attributed without a key name, or not at all when nothing else attributes it.
        assertThat(MessageHeaders.apiKeyId(usage("key_static", null))).isEmpty();
        assertThat(MessageHeaders.apiKeyId(usage("key_static",
                new Attribution(null, null, null, "end-user", null, null, null, null)))).isEmpty();
        assertThat(MessageHeaders.apiKeyId(usage(null, MANAGED))).isEmpty();
    }

    private static UsageEvent usage(String keyId, Attribution attribution) {
        return UsageEvent.builder("req_1", 1).timestamp(Instant.now()).provider("openai").model("gpt-4o-mini")
                .outcome(Outcome.SUCCESS).apiKeyId(keyId).attribution(attribution).build();
    }
}
