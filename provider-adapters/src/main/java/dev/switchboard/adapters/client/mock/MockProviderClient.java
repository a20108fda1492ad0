package dev.switchboard.adapters.client.mock;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.ChatCompletions;
import dev.switchboard.adapters.client.EmbeddingLists;
import dev.switchboard.adapters.client.Embeddings;
import dev.switchboard.adapters.client.ErrorClassifier;
import dev.switchboard.adapters.client.ListedModel;
import dev.switchboard.adapters.client.ProviderClient;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderHttp;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.config.ProvidersConfig.MockSettings;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Providers;

/**
 * The built-in deterministic provider, which calls no one. {@code mock/echo} answers with the last user message,
 * streamed one word per chunk; {@code mock/loopback} answers the same over HTTP ({@link MockLoopback});
 * {@code mock/embed} embeds each input as a vector drawn from its hash ({@link MockVectors}).
 */
public class MockProviderClient implements ProviderClient, Embeddings {

    static final String ECHO = "echo";
    static final String LOOPBACK = "loopback";
    static final String EMBED = "embed";

    private final MockAnswers answers;
    final MockLoopback loopback;
    private final Duration latency;
    private final Duration chunkDelay;

    public MockProviderClient(ObjectMapper mapper, MockSettings settings, ProviderHttp http, ErrorClassifier classifier) {
        this.answers = new MockAnswers(mapper);
        this.loopback = new MockLoopback(http, classifier, mapper, answers);
        this.latency = settings.latency();
        this.chunkDelay = settings.chunkDelay();
    }

    @Override
    public String provider() {
        return Providers.MOCK;
    }

    @Override
    public String disabledReason() {
        return null;
    }

    @Override
    public Uni<ProviderResponse> complete(CompletionRequest request) {
        Uni<ProviderResponse> answer = LOOPBACK.equals(request.model()) ? loopback.complete(request)
                : known(request, ECHO).map(ignored -> new ProviderResponse(
                        answers.completion(id(request), request.model(), request.body())));
        return latency.isZero() ? answer : answer.onItem().delayIt().by(latency);
    }

    @Override
    public Multi<ObjectNode> stream(CompletionRequest request) {
        Multi<ObjectNode> immediate = LOOPBACK.equals(request.model()) ? loopback.stream(request)
                : known(request, ECHO).onItem().transformToMulti(ignored -> Multi.createFrom()
                        .iterable(answers.chunks(id(request), request.model(), request.body())));
        Multi<ObjectNode> paced = chunkDelay.isZero() ? immediate
                : immediate.onItem().call(chunk -> Uni.createFrom().voidItem().onItem().delayIt().by(chunkDelay));
        return latency.isZero() ? paced
                : Uni.createFrom().voidItem().onItem().delayIt().by(latency).onItem().transformToMulti(ignored -> paced);
    }

    @Override
    public Uni<ProviderResponse> embed(CompletionRequest request) {
        Uni<ProviderResponse> answer = known(request, EMBED).map(ignored -> new ProviderResponse(
                answers.embeddings(request.model(), request.body(), EmbeddingLists.dimensions(request))));
        return latency.isZero() ? answer : answer.onItem().delayIt().by(latency);
    }

    @Override
    public Uni<List<ListedModel>> models() {
        return Uni.createFrom().item(List.of(ListedModel.id(ECHO), ListedModel.id(LOOPBACK), ListedModel.id(EMBED)));
    }

    /** Stops the loopback's server, if a call started it. */
    public void close() {
        loopback.close();
    }

    private static String id(CompletionRequest request) {
        return ChatCompletions.id(request.requestId());
    }

    /** The model is one this operation has; the other models, or any other name, are not found. */
    private static Uni<CompletionRequest> known(CompletionRequest request, String model) {
        if (!model.equals(request.model())) {
            String served = model.equals(ECHO) ? ECHO + ", " + LOOPBACK : model;
            return Uni.createFrom().failure(new ProviderException(ErrorClass.MODEL_NOT_FOUND, 404,
                    "the mock provider has no " + request.operation().wireName() + " model '" + request.model()
                            + "'; it serves: " + served,
                    null));
        }
        return Uni.createFrom().item(request);
    }
}
