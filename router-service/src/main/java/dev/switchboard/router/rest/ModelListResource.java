package dev.switchboard.router.rest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

import dev.switchboard.api.ApiException;
import dev.switchboard.router.CatalogModel;
import dev.switchboard.router.messaging.ServedProviders;
import dev.switchboard.router.service.ModelCatalog;

/**
 * {@code GET /v1/models}: the registry's models in the OpenAI list shape, or in Anthropic's when the call carries
 * {@code anthropic-version} as Anthropic's SDKs and Claude Code send it; {@code GET /v1/models/{id}}: one of them, as
 * the SDKs' {@code models.retrieve} asks for it.
 */
@Path("/v1/models")
public class ModelListResource {

    /** One entry of the OpenAI model list. */
    public record OpenAiModel(String id, String object, long created, String owned_by) {
    }

    /** The OpenAI list envelope. */
    public record OpenAiModelList(String object, List<OpenAiModel> data) {
    }

    /**
     * One entry of Anthropic's model list ({@code ModelInfo}); {@code created_at} is the epoch, as Anthropic documents
     * for a release date it does not know.
     */
    public record AnthropicModel(String type, String id, String display_name, String created_at) {
    }

    /** Anthropic's list envelope: a page, with the ids that bound it and whether more follow. */
    public record AnthropicModelList(List<AnthropicModel> data, boolean has_more, String first_id, String last_id) {
    }

    private static final Duration REGISTRY_WAIT = Duration.ofSeconds(5);
    private static final String UNKNOWN_RELEASE = "1970-01-01T00:00:00Z";
    /** Anthropic's page size when {@code limit} is not given, and its largest. */
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 1000;

    private final ModelCatalog catalog;
    private final ServedProviders served;

    public ModelListResource(ModelCatalog catalog, ServedProviders served) {
        this.catalog = catalog;
        this.served = served;
    }

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public Object list(@HeaderParam("anthropic-version") String anthropicVersion, @RestQuery Integer limit,
            @RestQuery("after_id") String afterId, @RestQuery("before_id") String beforeId) {
        awaitCatalog();
        List<CatalogModel> models = catalog.models().stream().filter(this::offered).toList();
        if (anthropicVersion != null) {
            return anthropicPage(models, limit, afterId, beforeId);
        }
        return new OpenAiModelList("list", models.stream().map(ModelListResource::entry).toList());
    }

    /**
     * One model the list holds, by {@code provider/model} (its slash sent as it is or escaped) or by a bare model id
     * the list holds under one provider only; anything else is a 404 {@code model_not_found}.
     */
    @GET
    @Path("/{id: .+}")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public Object retrieve(@PathParam("id") String id, @HeaderParam("anthropic-version") String anthropicVersion) {
        awaitCatalog();
        Optional<CatalogModel> model = catalog.find(id).filter(this::offered);
        if (model.isEmpty()) {
            List<CatalogModel> bare = catalog.withModelId(id).stream().filter(this::offered).toList();
            model = bare.size() == 1 ? Optional.of(bare.get(0)) : Optional.empty();
        }
        CatalogModel found = model.orElseThrow(() -> new ApiException(404,
                "The model '" + id + "' does not exist or you do not have access to it.", "model", "model_not_found"));
        return anthropicVersion != null ? anthropicEntry(found) : entry(found);
    }

    /** A page of Anthropic's list: the models after {@code after_id} or before {@code before_id}, at most {@code limit}. */
    private static AnthropicModelList anthropicPage(List<CatalogModel> models, Integer limit, String afterId,
            String beforeId) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new ApiException(400, "limit: Input should be between 1 and " + MAX_LIMIT + ".", "limit", null);
        }
        List<String> ids = models.stream().map(CatalogModel::id).toList();
        int from = 0;
        int to = ids.size();
        if (afterId != null) {
            from = position(ids, afterId, "after_id") + 1;
        } else if (beforeId != null) {
            to = position(ids, beforeId, "before_id");
            from = Math.max(0, to - size);
        }
        List<AnthropicModel> page = models.subList(from, Math.min(to, from + size)).stream()
                .map(ModelListResource::anthropicEntry).toList();
        boolean more = beforeId != null ? from > 0 : from + page.size() < to;
        return new AnthropicModelList(page, more, page.isEmpty() ? null : page.get(0).id(),
                page.isEmpty() ? null : page.get(page.size() - 1).id());
    }

    private static int position(List<String> ids, String id, String param) {
        int index = ids.indexOf(id);
        if (index < 0) {
            throw new ApiException(400, param + ": no model '" + id + "' in the list.", param, null);
        }
        return index;
    }

    private boolean offered(CatalogModel model) {
        return model.inCatalog() && served.isServed(model.provider());
    }

    private static OpenAiModel entry(CatalogModel model) {
        return new OpenAiModel(model.id(), "model", 0, model.provider());
    }

    private static AnthropicModel anthropicEntry(CatalogModel model) {
        return new AnthropicModel("model", model.id(), model.id(), UNKNOWN_RELEASE);
    }

    private void awaitCatalog() {
        if (!catalog.awaitLoaded(REGISTRY_WAIT)) {
            throw new ApiException(503, "The model registry has not answered yet; retry shortly.", null,
                    "registry_unavailable");
        }
    }
}
