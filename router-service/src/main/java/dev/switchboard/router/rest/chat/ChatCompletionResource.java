package dev.switchboard.router.rest.chat;

import java.io.IOException;
import java.util.function.Function;

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
import dev.switchboard.router.service.pipeline.CallResult;
import dev.switchboard.router.service.pipeline.ResponseCache;

/** {@code POST /v1/chat/completions}, the OpenAI Chat Completions API, plain or streamed: the chat front door. */
@Path("/v1/chat/completions")
public class ChatCompletionResource {

    private final ChatRequestParser parser;
    private final ModelResolver resolver;
    private final CallPipeline pipeline;
    private final Function<CallResult, RouterAnswer> answers;

    public ChatCompletionResource(ChatRequestParser parser, ModelResolver resolver, CallPipeline pipeline,
            ChatAnswers answers) {
        this.parser = parser;
        this.resolver = resolver;
        this.pipeline = pipeline;
        this.answers = answers::write;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RestMulti<Buffer> complete(byte[] body, RoutingContext routing,
            @HeaderParam("X-Switchboard-Policy") String policy,
            @HeaderParam("X-Switchboard-Task") String task,
            @HeaderParam(ResponseCache.HEADER) String cache) throws IOException {
        ObjectNode request = parser.parse(body);
        var call = new CallRequest(Operation.CHAT, Dialect.OPENAI, request, request.path("stream").asBoolean(false),
                resolver.resolve(request, policy, task), Caller.of(routing), cache, null);
        return RestMulti.fromUniResponse(pipeline.run(call, answers), RouterAnswer::body, RouterAnswer::headers,
                RouterAnswer::status);
    }
}
