package dev.switchboard.router.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.router.service.ChatRequestParser;
import dev.switchboard.router.service.CompletionRouter;
import dev.switchboard.router.service.ModelResolver;

/** {@code POST /v1/chat/completions}, the OpenAI Chat Completions API, answered through Kafka. */
@Path("/v1/chat/completions")
public class ChatCompletionResource {

    private final ChatRequestParser parser;
    private final ModelResolver resolver;
    private final CompletionRouter router;

    public ChatCompletionResource(ChatRequestParser parser, ModelResolver resolver, CompletionRouter router) {
        this.parser = parser;
        this.resolver = resolver;
        this.router = router;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> complete(byte[] body, RoutingContext routing) {
        var call = resolver.resolve(parser.parse(body));
        return router.complete(call, ApiKeyFilter.keyId(routing))
                .onItem().transform(completion -> Response.ok(completion.completion())
                        .header("X-Request-Id", completion.requestId())
                        .header("X-Switchboard-Provider", completion.provider())
                        .header("X-Switchboard-Model", completion.model())
                        .header("X-Switchboard-Attempts", completion.attempts())
                        .build());
    }
}
