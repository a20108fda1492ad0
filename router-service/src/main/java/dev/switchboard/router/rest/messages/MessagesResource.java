package dev.switchboard.router.rest.messages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
import dev.switchboard.router.messaging.ServedProviders;
import dev.switchboard.router.service.ModelResolver;
import dev.switchboard.router.service.pipeline.AttemptBody;
import dev.switchboard.router.service.pipeline.CallPipeline;
import dev.switchboard.router.service.pipeline.CallRequest;
import dev.switchboard.router.service.pipeline.ResponseCache;

/**
 * {@code POST /v1/messages} and {@code POST /v1/messages/count_tokens}, Anthropic's Messages API: the Messages front
 * door. A candidate whose provider speaks Messages gets the caller's body and {@code anthropic-*} headers as they came;
 * every other candidate gets the call translated to chat ({@link MessagesToChat}), and its answer translated back. A
 * token count goes through the same pipeline (keys, model restrictions, rate limits, usage), reserves no budget and
 * costs nothing: Anthropic counts while an adapter serves it, and for any other model (or Anthropic's with no adapter)
 * the router answers with {@link TokenEstimate}.
 */
@Path("/v1/messages")
public class MessagesResource {

    /** Caller headers that go to a provider speaking Messages: {@code anthropic-version}, {@code anthropic-beta}. */
    private static final String FORWARDED_PREFIX = "anthropic-";

    private final MessagesRequestParser parser;
    private final ModelResolver resolver;
    private final CallPipeline pipeline;
    private final MessagesAnswers answers;
    private final ServedProviders served;
    private final ObjectMapper mapper;

    public MessagesResource(MessagesRequestParser parser, ModelResolver resolver, CallPipeline pipeline,
            MessagesAnswers answers, ServedProviders served, ObjectMapper mapper) {
        this.parser = parser;
        this.resolver = resolver;
        this.pipeline = pipeline;
        this.answers = answers;
        this.served = served;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RestMulti<Buffer> create(byte[] body, RoutingContext routing,
            @HeaderParam("X-Switchboard-Policy") String policy,
            @HeaderParam("X-Switchboard-Task") String task,
            @HeaderParam(ResponseCache.HEADER) String cache) {
        ObjectNode request = parser.message(body);
        Plan plan = resolver.resolve(request, policy, task);
        var call = new CallRequest(Operation.MESSAGES, Dialect.ANTHROPIC, request, request.path("stream").asBoolean(false),
                plan, Caller.of(routing), cache, forwarded(routing), candidate -> bodyFor(request, candidate));
        return respond(pipeline.run(call, answers::write));
    }

    @POST
    @Path("/count_tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    public RestMulti<Buffer> countTokens(byte[] body, RoutingContext routing,
            @HeaderParam("X-Switchboard-Policy") String policy,
            @HeaderParam("X-Switchboard-Task") String task) {
        ObjectNode request = parser.countTokens(body);
        Plan plan = resolver.resolve(request, policy, task);
        // Anthropic counts with its own endpoint while an adapter serves it; for any other candidate, and for Anthropic
        // when no adapter does, the router answers with a stated estimate, which needs no adapter.
        Function<Candidate, AttemptBody> bodies = candidate -> Providers.speaksNatively(candidate.provider(),
                Operation.COUNT_TOKENS) && served.isServed(candidate.provider())
                        ? AttemptBody.asSent(Operation.COUNT_TOKENS, request)
                        : AttemptBody.answeredHere(Operation.COUNT_TOKENS, request, TokenEstimate.count(request, mapper));
        var call = new CallRequest(Operation.COUNT_TOKENS, Dialect.ANTHROPIC, request, false, plan, Caller.of(routing),
                null, forwarded(routing), bodies);
        return respond(pipeline.run(call, result -> {
            RouterAnswer answer = answers.write(result);
            if (!result.failed()) {
                answer.headers().put(TokenEstimate.HEADER,
                        List.of(result.answeredHere() ? TokenEstimate.ESTIMATE : TokenEstimate.BY_PROVIDER));
            }
            return answer;
        }));
    }

    /** The caller's body for a provider that speaks Messages; a translation to chat for any other. */
    private AttemptBody bodyFor(ObjectNode request, Candidate candidate) {
        if (Providers.speaksNatively(candidate.provider(), Operation.MESSAGES)) {
            List<String> stripped = new ArrayList<>(1);
            List<String> dropped = new ArrayList<>(1);
            ObjectNode body = MessagesBlocks.forAnthropic(request, stripped, dropped);
            return new AttemptBody(Operation.MESSAGES, body, dropped, stripped);
        }
        return MessagesToChat.translate(request, mapper);
    }

    private static Map<String, String> forwarded(RoutingContext routing) {
        Map<String, String> headers = new HashMap<>(4);
        routing.request().headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(FORWARDED_PREFIX)) {
                headers.merge(lower, value, (first, more) -> first + "," + more);
            }
        });
        return headers.isEmpty() ? null : headers;
    }

    private static RestMulti<Buffer> respond(Uni<RouterAnswer> answer) {
        return RestMulti.fromUniResponse(answer, RouterAnswer::body, RouterAnswer::headers, RouterAnswer::status);
    }
}
