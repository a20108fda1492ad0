package dev.switchboard.registry.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.ModelChanged;
import dev.switchboard.registry.DeletedModel;
import dev.switchboard.registry.Model;
import dev.switchboard.registry.ModelView;
import dev.switchboard.registry.ModelWrite;
import dev.switchboard.registry.Origin;

/** Operators' writes to models: create, replace and delete. Each marks the model as manually described. */
@ApplicationScoped
public class ModelAdminService {

    private final ModelService models;
    private final PriceService prices;
    private final CatalogEvents events;

    public ModelAdminService(ModelService models, PriceService prices, CatalogEvents events) {
        this.models = models;
        this.prices = prices;
        this.events = events;
    }

    @Transactional
    public ModelView create(ModelWrite write) {
        ModelChecks.identity(write.provider(), write.modelId());
        ModelChecks.description(write);
        if (write.price() != null) {
            ModelChecks.price(write.price());
        }
        if (Model.findByName(write.provider(), write.modelId()).isPresent()) {
            throw new ApiException(409, "model " + write.provider() + "/" + write.modelId() + " is already in the catalog",
                    "modelId", "model_exists");
        }
        Model model = new Model();
        model.provider = write.provider();
        model.modelId = write.modelId();
        apply(model, write);
        model.persist();
        DeletedModel.forget(model.provider, model.modelId);
        if (write.price() != null) {
            prices.addManual(model, write.price());
        }
        events.changed(model, ModelChanged.CREATED);
        return models.require(model.provider, model.modelId);
    }

    @Transactional
    public ModelView replace(String provider, String modelId, ModelWrite write) {
        Model model = Model.findByName(provider, modelId).orElseThrow(() -> ModelService.notFound(provider, modelId));
        if (write.provider() != null && !write.provider().equals(provider)
                || write.modelId() != null && !write.modelId().equals(modelId)) {
            throw RequestChecks.badRequest("the body names another model than the path; a model cannot be renamed",
                    write.provider() != null && !write.provider().equals(provider) ? "provider" : "modelId");
        }
        ModelChecks.description(write);
        apply(model, write);
        events.changed(model, ModelChanged.UPDATED);
        return models.require(provider, modelId);
    }

    @Transactional
    public void delete(String provider, String modelId) {
        Model model = Model.findByName(provider, modelId).orElseThrow(() -> ModelService.notFound(provider, modelId));
        model.delete();
        DeletedModel.remember(provider, modelId);
        events.deleted(provider, modelId);
    }

    private static void apply(Model model, ModelWrite write) {
        model.displayName = write.displayName();
        model.description = write.description();
        model.capabilities = List.copyOf(write.capabilities());
        model.capabilitiesKnown = true;
        model.contextWindow = write.contextWindow();
        model.maxOutputTokens = write.maxOutputTokens();
        model.latencyTier = write.latencyTier();
        model.qualityTier = write.qualityTier();
        model.openWeights = Boolean.TRUE.equals(write.openWeights());
        model.available = Objects.requireNonNullElse(write.available(), true);
        model.deprecated = Boolean.TRUE.equals(write.deprecated());
        model.sunsetDate = write.sunsetDate();
        model.origin = Origin.MANUAL;
        model.updatedAt = Instant.now();
    }
}
