package dev.switchboard.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.switchboard.contracts.Providers;
import dev.switchboard.registry.service.CatalogFile.CatalogModel;
import dev.switchboard.registry.service.CatalogFile.CatalogPrice;

class SeedCatalogTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
    private static final String SCHEMA_RESOURCE = "catalog/models.schema.json";

    @Test
    void seedCatalogMatchesItsSchema() throws Exception {
        assertThat(schemaProblems(json(CatalogLoader.CATALOG_RESOURCE))).isEmpty();
    }

    @Test
    void schemaRefusesAnEntryWithoutAPriceSourceOrWithAnUnknownCapability() throws Exception {
        JsonNode catalog = json(CatalogLoader.CATALOG_RESOURCE);
        var first = (com.fasterxml.jackson.databind.node.ObjectNode) catalog.get("models").get(1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) first.get("price")).remove("source");
        ((com.fasterxml.jackson.databind.node.ArrayNode) first.get("capabilities")).add("telepathy");

        assertThat(schemaProblems(catalog)).extracting(ValidationMessage::getMessage)
                .anySatisfy(message -> assertThat(message).contains("source"))
                .anySatisfy(message -> assertThat(message).contains("capabilities"));
    }

    @Test
    void seedCatalogPassesItsOwnRules() throws Exception {
        CatalogFile catalog = MAPPER.readValue(json(CatalogLoader.CATALOG_RESOURCE).traverse(), CatalogFile.class);

        assertThat(CatalogValidator.problems(catalog)).isEmpty();
        assertThat(catalog.models()).allSatisfy(model -> assertThat(model.price().source()).isNotBlank());
        assertThat(catalog.providers()).extracting(CatalogFile.CatalogProvider::name)
                .containsExactlyInAnyOrderElementsOf(Providers.KNOWN);
        assertThat(catalog.models()).extracting(m -> m.provider() + "/" + m.modelId()).contains("mock/echo",
                "ollama/llama3.2:3b", "openai/o3-mini", "openrouter/openai/gpt-4o-mini", "anthropic/claude-3-5-haiku-latest");
        assertThat(catalog.models()).extracting(CatalogModel::provider).containsAll(Set.of("openai", "anthropic",
                "gemini", "groq", "openrouter", "deepseek", "mistral", "azure-openai", "ollama", "mock"));
    }

    @Test
    void validatorNamesEveryBrokenRule() {
        var price = new CatalogPrice(new BigDecimal("-1"), BigDecimal.ONE, null, null, null, null, LocalDate.of(2026, 1, 1),
                " ",
                "unconfirmed", null);
        var model = new CatalogModel("mock", "bad", "Bad", null, List.of("text", "telepathy"), 100, 200, "warp", "good",
                false, false, LocalDate.of(2027, 1, 1), List.of(), price);
        var catalog = new CatalogFile("soon", List.of(new CatalogFile.CatalogProvider("mock", "local", "mock", null)),
                List.of(model, model));

        assertThat(CatalogValidator.problems(catalog)).containsExactlyInAnyOrder(
                "the catalog version 'soon' is not an ISO date",
                "mock/bad is listed twice",
                "mock/bad has unknown capability 'telepathy'",
                "mock/bad has unknown capability 'telepathy'",
                "mock/bad allows more output tokens than its context window",
                "mock/bad allows more output tokens than its context window",
                "mock/bad has unknown latency tier 'warp'",
                "mock/bad has unknown latency tier 'warp'",
                "mock/bad has a sunset date but is not marked deprecated",
                "mock/bad has a sunset date but is not marked deprecated",
                "mock/bad does not say where its price came from",
                "mock/bad does not say where its price came from",
                "mock/bad has a unconfirmed price without a note saying why",
                "mock/bad has a unconfirmed price without a note saying why",
                "mock/bad has a missing or negative price",
                "mock/bad has a missing or negative price");
    }

    @Test
    void aNegativeCacheWritePriceIsRefused() {
        var price = new CatalogPrice(BigDecimal.ONE, BigDecimal.ONE, null, null, BigDecimal.ONE, new BigDecimal("-2"),
                LocalDate.of(2026, 1, 1), "test", "provider-page", null);
        var model = new CatalogModel("mock", "writes", "Writes", null, List.of("text"), 100, 50, "fast", "good", false,
                false, null, List.of(), price);
        var catalog = new CatalogFile("2026-01-01", List.of(new CatalogFile.CatalogProvider("mock", "local", "mock", null)),
                List.of(model));

        assertThat(CatalogValidator.problems(catalog)).containsExactly("mock/writes has a missing or negative price");
    }

    private static java.util.Set<ValidationMessage> schemaProblems(JsonNode catalog) throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema = factory.getSchema(json(SCHEMA_RESOURCE), config);
        return schema.validate(catalog);
    }

    private static JsonNode json(String resource) throws Exception {
        try (InputStream in = SeedCatalogTest.class.getClassLoader().getResourceAsStream(resource)) {
            return MAPPER.readTree(in);
        }
    }
}
