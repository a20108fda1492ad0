package dev.switchboard.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.contracts.Providers;
import dev.switchboard.registry.service.CatalogFile.CatalogModel;
import dev.switchboard.registry.service.CatalogFile.CatalogPrice;

class SeedCatalogTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    @Test
    void seedCatalogPassesItsOwnRules() throws Exception {
        CatalogFile catalog = seed();

        assertThat(CatalogValidator.problems(catalog)).isEmpty();
        assertThat(catalog.models()).allSatisfy(model -> assertThat(model.price().source()).isNotBlank());
        assertThat(catalog.providers()).extracting(CatalogFile.CatalogProvider::name)
                .containsExactlyInAnyOrderElementsOf(Providers.KNOWN);
    }

    @Test
    void validatorNamesEveryBrokenRule() {
        var price = new CatalogPrice(new BigDecimal("-1"), BigDecimal.ONE, null, null, LocalDate.of(2026, 1, 1), " ");
        var model = new CatalogModel("mock", "bad", "Bad", null, List.of("text", "telepathy"), 100, 200, "warp", "good",
                false, price);
        var catalog = new CatalogFile("1", List.of(new CatalogFile.CatalogProvider("mock", "local", "mock", null)),
                List.of(model));

        assertThat(CatalogValidator.problems(catalog)).containsExactlyInAnyOrder(
                "mock/bad has unknown capability 'telepathy'",
                "mock/bad allows more output tokens than its context window",
                "mock/bad has unknown latency tier 'warp'",
                "mock/bad does not say where its price came from",
                "mock/bad has a missing or negative price");
    }

    private static CatalogFile seed() throws Exception {
        try (InputStream in = SeedCatalogTest.class.getClassLoader().getResourceAsStream(CatalogLoader.CATALOG_RESOURCE)) {
            return MAPPER.readValue(in, CatalogFile.class);
        }
    }
}
