package dev.switchboard.router.rest.embeddings;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.contracts.Dialect;
import dev.switchboard.contracts.Operation;
import dev.switchboard.router.Caller;
import dev.switchboard.router.RouterAnswer;
import dev.switchboard.router.service.ModelResolver;
import dev.switchboard.router.service.pipeline.CallPipeline;
import dev.switchboard.router.service.pipeline.CallRequest;
import dev.switchboard.router.service.pipeline.ResponseCache;

/**
 * {@code POST /v1/embeddings}, OpenAI's Embeddings API: the embeddings front door. Every adapter that embeds takes the
 * OpenAI body and translates it to its provider's protocol, so the body goes to each candidate as sent; only embedding
 * models are candidates.
 */
@Path("/v1/embeddings")
public class EmbeddingsResource {

    private final EmbeddingsRequestParser parser;
    private final ModelResolver resolver;
    private final CallPipeline pipeline;
    private final EmbeddingsAnswers answers;

    public EmbeddingsResource(EmbeddingsRequestParser parser, ModelResolver resolver, CallPipeline pipeline,
            EmbeddingsAnswers answers) {
        this.parser = parser;
        this.resolver = resolver;
        this.pipeline = pipeline;
        this.answers = answers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RestMulti<Buffer> create(byte[] body, RoutingContext routing,
            @HeaderParam("X-Switchboard-Policy") String policy,
            @HeaderParam(ResponseCache.HEADER) String cache) {
        ObjectNode request = parser.parse(body);
        String format = request.path("encoding_format").asText(EmbeddingsAnswers.FLOAT);
        var call = new CallRequest(Operation.EMBEDDINGS, Dialect.OPENAI, request, false,
                resolver.resolve(request, policy, null, Operation.EMBEDDINGS), Caller.of(routing), cache, null);
        return RestMulti.fromUniResponse(pipeline.run(call, result -> answers.write(result, format)), RouterAnswer::body,
                RouterAnswer::headers, RouterAnswer::status);
    }
}
