package dev.switchboard.router.rest;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestMulti;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.router.RouterAnswer;
import dev.switchboard.router.service.ChatRequestParser;
import dev.switchboard.router.service.CompletionRouter;
import dev.switchboard.router.service.ModelResolver;
import dev.switchboard.router.service.ResponseCache;

/** {@code POST /v1/chat/completions}, the OpenAI Chat Completions API, plain or streamed, answered through Kafka. */
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
    public RestMulti<Buffer> complete(byte[] body, RoutingContext routing,
            @HeaderParam("X-Switchboard-Policy") String policy,
            @HeaderParam("X-Switchboard-Task") String task,
            @HeaderParam(ResponseCache.HEADER) String cache) {
        var call = resolver.resolve(parser.parse(body), policy, task);
        return RestMulti.fromUniResponse(router.route(call, ApiKeyFilter.keyId(routing), cache), RouterAnswer::body,
                RouterAnswer::headers, RouterAnswer::status);
    }
}
