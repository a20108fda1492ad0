package dev.switchboard.router.rest.responses;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.contracts.Dialect;
import dev.switchboard.contracts.Operation;
import dev.switchboard.router.Caller;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.Plan;
import dev.switchboard.router.RouterAnswer;
import dev.switchboard.router.service.ModelResolver;
import dev.switchboard.router.service.pipeline.AttemptBody;
import dev.switchboard.router.service.pipeline.CallPipeline;
import dev.switchboard.router.service.pipeline.CallRequest;
import dev.switchboard.router.service.pipeline.ResponseCache;

/**
 * {@code POST /v1/responses}, OpenAI's Responses API, plain or streamed: the Responses front door. The request is
 * translated to chat once ({@link ResponsesToChat}); the pipeline plans, governs and caches on that translation, as on
 * any chat call, and each candidate gets it. The answer is translated back ({@link ResponsesAnswers}). A
 * {@code previous_response_id} continues the conversation stored with that response, and the response is stored in
 * turn unless {@code store} is false ({@link StoredConversations}).
 */
@Path("/v1/responses")
public class ResponsesResource {

    private final ResponsesRequestParser parser;
    private final ModelResolver resolver;
    private final CallPipeline pipeline;
    private final ResponsesAnswers answers;
    private final StoredConversations conversations;
    private final ObjectMapper mapper;

    public ResponsesResource(ResponsesRequestParser parser, ModelResolver resolver, CallPipeline pipeline,
            ResponsesAnswers answers, StoredConversations conversations, ObjectMapper mapper) {
        this.parser = parser;
        this.resolver = resolver;
        this.pipeline = pipeline;
        this.answers = answers;
        this.conversations = conversations;
        this.mapper = mapper;
    }

    @POST
    public RestMulti<Buffer> create(byte[] body, RoutingContext routing,
            @HeaderParam("X-Switchboard-Policy") String policy,
            @HeaderParam("X-Switchboard-Task") String task,
            @HeaderParam(ResponseCache.HEADER) String cache) {
        ObjectNode request = parser.parse(body);
        Caller caller = Caller.of(routing);
        Uni<RouterAnswer> answer = conversations.history(request, caller.keyId())
                .chain(history -> call(request, history, caller, policy, task, cache))
                .onFailure().recoverWithItem(answers::error);
        return RestMulti.fromUniResponse(answer, RouterAnswer::body, RouterAnswer::headers, RouterAnswer::status);
    }

    /** The call of this request after {@code history}; its response is stored once it is complete. */
    private Uni<RouterAnswer> call(ObjectNode request, ArrayNode history, Caller caller, String policy, String task,
            String cache) {
        ArrayNode input = ResponsesInput.items(request, mapper);
        ArrayNode items = history.deepCopy().addAll(input);
        ResponsesToChat.Translation translation = ResponsesToChat.translate(request, items, mapper);
        Plan plan = resolver.resolve(translation.chat(), policy, task);
        boolean streamed = request.path("stream").asBoolean(false);
        var call = new CallRequest(Operation.RESPONSES, Dialect.OPENAI, translation.chat(), streamed, plan, caller, cache,
                null, candidate -> bodyFor(translation, candidate));
        AtomicReference<ObjectNode> plain = new AtomicReference<>();
        return pipeline.run(call, result -> answers.write(result, request, response -> {
            if (streamed) {
                // The stream's last event is on its way; what a continuation needs is stored right behind it.
                keep(request, history, input, response, caller).subscribe().with(done -> {
                });
            } else {
                plain.set(response);
            }
        })).call(answer -> plain.get() == null ? Uni.createFrom().voidItem()
                : keep(request, history, input, plain.get(), caller));
    }

    /** Stores a response; one that cannot be stored is logged, and the caller still gets its answer. */
    private Uni<Void> keep(ObjectNode request, ArrayNode history, ArrayNode input, ObjectNode response, Caller caller) {
        return conversations.keep(request, history, input, response, caller.keyId())
                .onFailure().invoke(failure -> Log.warnf("Response %s was not stored: %s", response.path("id").asText(),
                        failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** The chat translation, for every candidate; one it cannot be written for (a built-in tool) is passed over. */
    private static AttemptBody bodyFor(ResponsesToChat.Translation translation, Candidate candidate) {
        if (translation.unwritable() != null) {
            throw translation.unwritable();
        }
        return new AttemptBody(Operation.CHAT, translation.chat(), translation.droppedParameters(),
                translation.droppedContent());
    }
}
