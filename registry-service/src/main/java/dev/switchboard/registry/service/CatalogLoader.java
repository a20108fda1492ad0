package dev.switchboard.registry.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import dev.switchboard.registry.Model;
import dev.switchboard.registry.ModelPrice;
import dev.switchboard.registry.Provider;
import dev.switchboard.registry.service.CatalogFile.CatalogModel;
import dev.switchboard.registry.service.CatalogFile.CatalogPrice;
import dev.switchboard.registry.service.CatalogFile.CatalogProvider;

/**
 * Loads the seed catalog at start-up: providers, models and prices that are missing are added; rows that exist, and
 * so any manual edit, are left as they are.
 */
@ApplicationScoped
public class CatalogLoader {

    static final String CATALOG_RESOURCE = "catalog/models.json";

    private final ObjectMapper mapper;

    public CatalogLoader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        CatalogFile catalog = read();
        List<String> problems = CatalogValidator.problems(catalog);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the seed catalog is invalid: " + String.join("; ", problems));
        }
        int added = 0;
        for (CatalogProvider provider : catalog.providers()) {
            addProviderIfMissing(provider);
        }
        for (CatalogModel entry : catalog.models()) {
            Model model = Model.findByName(entry.provider(), entry.modelId()).orElse(null);
            if (model == null) {
                model = newModel(entry);
                model.persist();
                added++;
            }
            addCatalogPriceIfMissing(model, entry.price());
        }
        Log.infof("Seed catalog %s: %d models, %d added", catalog.version(), catalog.models().size(), added);
    }

    public CatalogFile read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(CATALOG_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CATALOG_RESOURCE + " is missing from the classpath");
            }
            return mapper.readValue(in, CatalogFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + CATALOG_RESOURCE, e);
        }
    }

    private static void addProviderIfMissing(CatalogProvider entry) {
        if (Provider.findById(entry.name()) != null) {
            return;
        }
        Provider provider = new Provider();
        provider.name = entry.name();
        provider.kind = entry.kind();
        provider.protocol = entry.protocol();
        provider.baseUrl = entry.baseUrl();
        provider.persist();
    }

    private static Model newModel(CatalogModel entry) {
        Model model = new Model();
        model.provider = entry.provider();
        model.modelId = entry.modelId();
        model.displayName = entry.displayName();
        model.description = entry.description();
        model.capabilities = List.copyOf(entry.capabilities());
        model.contextWindow = entry.contextWindow();
        model.maxOutputTokens = entry.maxOutputTokens();
        model.latencyTier = entry.latencyTier();
        model.qualityTier = entry.qualityTier();
        model.openWeights = entry.openWeights();
        return model;
    }

    private static void addCatalogPriceIfMissing(Model model, CatalogPrice entry) {
        Instant effectiveFrom = entry.effectiveFrom().atStartOfDay(ZoneOffset.UTC).toInstant();
        if (ModelPrice.count("model = ?1 and effectiveFrom = ?2", model.id, effectiveFrom) > 0) {
            return;
        }
        ModelPrice price = new ModelPrice();
        price.model = model.id;
        price.effectiveFrom = effectiveFrom;
        price.inputPerMillion = entry.inputCostPerMillion();
        price.outputPerMillion = entry.outputCostPerMillion();
        price.cachedInputPerMillion = entry.cachedInputCostPerMillion();
        price.reasoningPerMillion = entry.reasoningCostPerMillion();
        price.source = "catalog";
        price.sourceReference = entry.source();
        price.setAt = Instant.now();
        price.persist();
    }
}
