package dev.switchboard.registry.service.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.api.StrictJson;
import dev.switchboard.registry.client.SourceProblem;

/** Reading both formats from their snapshots, and the values a synced entry may not hold. */
class SourceReaderTest {

    private final SourceReader reader = new SourceReader(new ObjectMapper(), 50_000);

    @Test
    void liteLlmEntriesAreMappedOntoSwitchboardsProvidersAndUnits() throws IOException {
        SourceDocument document = read(fixture("litellm-prices.json"));

        assertThat(document.format()).isEqualTo("litellm");
        assertThat(document.read()).isEqualTo(10);
        assertThat(document.ignored()).isEqualTo(2);
        assertThat(document.entries()).extracting(SyncedEntry::name).containsExactly("openai/gpt-4o-mini",
                "anthropic/claude-sonnet-4-5", "gemini/gemini-2.5-flash", "groq/llama-3.3-70b-versatile",
                "deepseek/deepseek-chat", "ollama/llama3.1", "openai/text-embedding-3-small");
        SyncedEntry sonnet = document.entries().get(1);
        assertThat(sonnet.facts().contextWindow()).isEqualTo(200_000);
        assertThat(sonnet.facts().capabilities()).containsExactly("text", "streaming", "vision", "function-calling",
                "json-mode", "reasoning");
        assertThat(sonnet.price()).isEqualTo(new SyncedPrice(new BigDecimal("3"), new BigDecimal("15"),
                new BigDecimal("0.3"), new BigDecimal("3.75"), new BigDecimal("6"), null));
        SyncedEntry embedding = document.entries().get(6);
        assertThat(embedding.facts().capabilities()).containsExactly("embeddings");
        assertThat(embedding.price().inputCostPerMillion()).isEqualByComparingTo("0.02");
        // deepseek-chat prices a cache write at 0 beside a paid input: that is no price of its own.
        assertThat(document.entries().get(4).price().cacheWriteCostPerMillion()).isNull();
    }

    @Test
    void openRouterModelsAreOpenRoutersAndItsVariablePriceIsSkipped() throws IOException {
        SourceDocument document = read(fixture("openrouter-models.json"));

        assertThat(document.format()).isEqualTo("openrouter");
        assertThat(document.entries()).extracting(SyncedEntry::name).containsExactly("openrouter/openai/gpt-4o-mini",
                "openrouter/anthropic/claude-sonnet-4", "openrouter/google/gemini-2.5-flash");
        assertThat(document.entries().get(0).facts().capabilities()).containsExactly("text", "streaming", "vision",
                "function-calling", "json-mode");
        assertThat(document.entries().get(1).price()).isEqualTo(new SyncedPrice(new BigDecimal("3"),
                new BigDecimal("15"), new BigDecimal("0.3"), new BigDecimal("3.75"), null, null));
        assertThat(document.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.entry()).isEqualTo("openrouter/auto");
            assertThat(skipped.reason()).isEqualTo("pricing.prompt -1 is a negative price");
        });
    }

    @Test
    void extremeNumbersAreRefusedOrRoundedWithoutWritingThemOut() throws IOException {
        SourceDocument document = read("""
                {"data":[
                  {"id":"a/huge","pricing":{"prompt":"1e999999999","completion":"0"}},
                  {"id":"a/tiny","pricing":{"prompt":"1e-999999999","completion":"0.000001"}},
                  {"id":"a/window","context_length":3000000000}]}""");

        assertThat(document.skipped()).extracting(SourceDocument.Skipped::entry).containsExactly("a/huge", "a/window");
        assertThat(document.entries().get(0).price().inputCostPerMillion()).isEqualByComparingTo("0");
    }

    @Test
    void aRepeatedKeyInAPublishedCatalogIsReadAsItsConsumersReadIt() throws IOException {
        ObjectMapper strict = new ObjectMapper();
        new StrictJson().customize(strict);
        SourceDocument document = new SourceReader(strict, 50_000).read(new ByteArrayInputStream("""
                {"gpt-4o-mini":{"litellm_provider":"openai","mode":"chat","input_cost_per_token":1e-6,
                  "input_cost_per_token":1.5e-7,"output_cost_per_token":6e-7}}""".getBytes(StandardCharsets.UTF_8)));

        assertThat(document.entries()).singleElement().satisfies(entry -> assertThat(entry.price().inputCostPerMillion())
                .isEqualByComparingTo("0.15"));
    }

    @Test
    void aDocumentNestedTooDeepIsNotJson() {
        String deep = "{\"data\":[" + "[".repeat(5_000) + "]".repeat(5_000) + "]}";
        assertThatThrownBy(() -> read(deep)).isInstanceOf(SourceProblem.class).hasMessageContaining("not valid JSON");
    }

    private SourceDocument read(String json) throws IOException {
        return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = SourceReaderTest.class.getClassLoader().getResourceAsStream("sync/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
