package dev.switchboard.registry.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The provider adapters' model list, in the OpenAI list shape with what the provider's own list states. */
@ClientHeaderParam(name = "Authorization", value = "{dev.switchboard.api.auth.ServiceCredentials.opsBearer}", required = false)
@Path("/providers")
interface AdapterApi {

    @GET
    @Path("/{provider}/models")
    ModelList models(@PathParam("provider") String provider);

    /** {@code {"object":"list","data":[{"id","object","owned_by", ...}]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelList(List<Entry> data) {
    }

    /** One listed model; {@code id} is the provider-side model id, every other field is absent when not stated. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(
            String id,
            @JsonProperty("display_name") String displayName,
            String description,
            @JsonProperty("context_window") Integer contextWindow,
            @JsonProperty("max_output_tokens") Integer maxOutputTokens,
            @JsonProperty("input_modalities") List<String> inputModalities,
            @JsonProperty("supported_parameters") List<String> supportedParameters,
            @JsonProperty("open_weights") Boolean openWeights,
            String kind) {

        ListedModel toListed() {
            return new ListedModel(id, displayName, description, contextWindow, maxOutputTokens, inputModalities,
                    supportedParameters, openWeights, kind);
        }
    }
}
