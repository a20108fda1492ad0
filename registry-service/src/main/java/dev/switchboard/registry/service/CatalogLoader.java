package dev.switchboard.registry.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import dev.switchboard.contracts.ModelChanged;
import dev.switchboard.registry.Model;

/** Loads the seed catalog at start-up, upserts it without overriding operators, and re-publishes every model. */
@ApplicationScoped
public class CatalogLoader {

    static final String CATALOG_RESOURCE = "catalog/models.json";

    private final ObjectMapper mapper;
    private final CatalogUpsert upsert;
    private final CatalogEvents events;

    public CatalogLoader(ObjectMapper mapper, CatalogUpsert upsert, CatalogEvents events) {
        this.mapper = mapper;
        this.upsert = upsert;
        this.events = events;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        CatalogFile catalog = read();
        List<String> problems = CatalogValidator.problems(catalog);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the seed catalog is invalid: " + String.join("; ", problems));
        }
        CatalogUpsert.Summary summary = upsert.apply(catalog);
        Log.infof("Seed catalog %s: %d models; %s", catalog.version(), catalog.models().size(), summary);
        // The topic is compacted and may have lost its data (the local broker keeps none), so every start
        // publishes the whole catalog again.
        Model.<Model> listAll().forEach(model -> events.changed(model, ModelChanged.SNAPSHOT));
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
}
