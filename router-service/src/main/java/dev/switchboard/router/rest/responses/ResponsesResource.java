package dev.switchboard.router.rest.responses;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

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
import dev.switchboard.contracts.Providers;
import dev.switchboard.router.Caller;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.Plan;
import dev.switchboard.router.RouterAnswer;
import dev.switchboard.router.governance.Governor;
import dev.switchboard.router.service.ModelResolver;
import dev.switchboard.router.service.pipeline.AttemptBody;
import dev.switchboard.router.service.pipeline.CallPipeline;
import dev.switchboard.router.service.pipeline.CallRequest;
import dev.switchboard.router.service.pipeline.ResponseCache;

/**
 * {@code POST /v1/responses}, OpenAI's Responses API, plain or streamed: the Responses front door. A candidate whose
 * provider speaks Responses (OpenAI, Azure OpenAI) gets the caller's body and items as they came
 * ({@link ResponsesForOpenAi}); every other candidate gets the call translated to chat ({@link ResponsesToChat}), on
 * which the pipeline also plans, governs and caches. The answer is written back in the Responses shape
 * ({@link ResponsesAnswers}). A {@code previous_response_id} continues the conversation stored with that response, on
 * the model that made it when the request leaves the choice to Switchboard and the key may use that model; the
 * response is stored in turn unless {@code store} is false ({@link StoredConversations}), before the caller gets its
 * last event.
 */
@Path("/v1/responses")
public class ResponsesResource {

    private final ResponsesRequestParser parser;
    private final ModelResolver resolver;
    private final CallPipeline pipeline;
    private final ResponsesAnswers answers;
    private final StoredConversations conversations;
    private final Governor governor;
    private final ObjectMapper mapper;

    public ResponsesResource(ResponsesRequestParser parser, ModelResolver resolver, CallPipeline pipeline,
            ResponsesAnswers answers, StoredConversations conversations, Governor governor, ObjectMapper mapper) {
        this.parser = parser;
        this.resolver = resolver;
        this.pipeline = pipeline;
        this.answers = answers;
        this.conversations = conversations;
        this.governor = governor;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
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

    /** The call of this request after its history; its response is stored once it is complete. */
    private Uni<RouterAnswer> call(ObjectNode request, StoredConversations.History previous, Caller caller, String policy,
            String task, String cache) {
        ArrayNode history = previous.items();
        ArrayNode input = ResponsesInput.items(request, history, mapper);
        ArrayNode items = history.deepCopy().addAll(input);
        ResponsesToChat.Translation translation = ResponsesToChat.translate(request, items, mapper);
        String model = translation.chat().path("model").asText();
        Plan plan = resolver.preferring(resolver.resolve(translation.chat(), policy, task), translation.chat(),
                previous.model(), candidate -> governor.allows(caller.keyId(), model, candidate));
        boolean streamed = request.path("stream").asBoolean(false);
        boolean resolved = ResponsesInput.hasReferences(request);
        var call = new CallRequest(Operation.RESPONSES, Dialect.OPENAI, translation.chat(), streamed, plan, caller, cache,
                null, candidate -> bodyFor(request, history, input, resolved, translation, candidate));
        AtomicReference<ObjectNode> plain = new AtomicReference<>();
        return pipeline.run(call, result -> answers.write(result, request, response -> {
            if (!streamed) {
                plain.set(response);
                return Uni.createFrom().voidItem();
            }
            // The stream's last event waits for this, so a GET right after the stream finds the response.
            return keep(request, history, input, response, caller);
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

    /**
     * The caller's own body for a provider that speaks Responses; the chat translation for every other, unless it cannot
     * be written for it (a built-in tool), and then the candidate is passed over.
     */
    private AttemptBody bodyFor(ObjectNode request, ArrayNode history, ArrayNode input, boolean resolved,
            ResponsesToChat.Translation translation, Candidate candidate) {
        if (Providers.speaksNatively(candidate.provider(), Operation.RESPONSES)) {
            return ResponsesForOpenAi.body(request, history, input, resolved, mapper);
        }
        if (translation.unwritable() != null) {
            throw translation.unwritable();
        }
        return new AttemptBody(Operation.CHAT, translation.chat(), translation.droppedParameters(),
                translation.droppedContent());
    }
}
