package dev.switchboard.adapters.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.ListedModel;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.service.ProviderDirectory;
import dev.switchboard.adapters.service.ProviderHealth;
import dev.switchboard.adapters.service.ProviderStatus;
import dev.switchboard.api.ApiException;

/** The providers this adapter serves: their status, and their model lists for the registry's discovery. */
@Path("/providers")
@Produces(MediaType.APPLICATION_JSON)
public class ProviderResource {

    /**
     * One model in the OpenAI list shape, with what the provider's own list states about it; a fact the list does not
     * state is left out, never guessed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelEntry(String id, String object, String owned_by, String display_name, String description,
            Integer context_window, Integer max_output_tokens, List<String> input_modalities,
            List<String> supported_parameters, Boolean open_weights, String kind) {

        static ModelEntry of(String provider, ListedModel model) {
            return new ModelEntry(model.id(), "model", provider, model.displayName(), model.description(),
                    model.contextWindow(), model.maxOutputTokens(), model.inputModalities(), model.supportedParameters(),
                    model.openWeights(), model.kind());
        }
    }

    /** The OpenAI list envelope. */
    public record ModelList(String object, List<ModelEntry> data) {
    }

    private final ProviderDirectory directory;
    private final ProviderHealth health;

    public ProviderResource(ProviderDirectory directory, ProviderHealth health) {
        this.directory = directory;
        this.health = health;
    }

    @GET
    public Uni<List<ProviderStatus>> list() {
        return health.all();
    }

    @GET
    @Path("/{provider}/models")
    public Uni<ModelList> models(@PathParam("provider") String provider) {
        var client = directory.client(provider).orElseThrow(() -> new ApiException(404,
                "provider '" + provider + "' is not served by this adapter" + directory.disabledReason(provider)
                        .map(reason -> " (" + reason + ")").orElse(""),
                "provider", "provider_not_served"));
        return client.models()
                .map(models -> new ModelList("list", models.stream().map(model -> ModelEntry.of(provider, model)).toList()))
                .onFailure(ProviderException.class).transform(failure -> new ApiException(502, failure.getMessage(), null,
                        ((ProviderException) failure).error().errorClass().wireName()));
    }
}
