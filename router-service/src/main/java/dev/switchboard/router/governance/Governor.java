package dev.switchboard.router.governance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.KeyState;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.TokenCounts;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.CatalogModel;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.router.service.ModelCatalog;
import dev.switchboard.router.service.pipeline.Call;
import dev.switchboard.router.service.pipeline.CallGate;
import dev.switchboard.router.service.pipeline.CallHook;
import dev.switchboard.router.service.pipeline.CandidateFilter;
import dev.switchboard.router.service.pipeline.ProviderFailure;

/**
 * Enforces managed keys' and teams' limits on every call, in the pipeline: before the call it reserves a request
 * permit, a parallel slot, the worst-case tokens and the first attempt's worst-case cost from the key's and its team's
 * leases (waiting, without blocking, when a lease must be topped up); before each attempt it passes over models the key
 * may not use and moves the cost reservation to the attempt's model; after the call it settles the real cost and
 * tokens and gives back the rest. A static key is not governed, but its calls are attributed and priced too.
 */
@Singleton
public class Governor implements CallGate, CallHook, CandidateFilter {

    private final KeyBook keys;
    private final LeaseKeeper leases;
    private final ModelCatalog catalog;
    private final BudgetPrices prices;
    private final Map<String, String> aliases;

    public Governor(KeyBook keys, LeaseKeeper leases, ModelCatalog catalog, BudgetPrices prices, RouterConfig config) {
        this.keys = keys;
        this.leases = leases;
        this.catalog = catalog;
        this.prices = prices;
        this.aliases = config.aliases();
    }

    @Override
    public Uni<Void> admit(Call call) {
        KeyState key = keys.byId(call.request().caller().keyId()).orElse(null);
        ObjectNode body = call.request().body();
        Operation operation = call.request().operation();
        Admission admission = new Admission(key, ModelAllowance.AUTO.equals(body.path("model").asText()),
                CallEstimate.promptTokens(operation, body), CallEstimate.costsNothing(operation));
        call.attach(Admission.class, admission);
        if (key == null) {
            call.attribution(Attributions.of(call, null, null, null));
            return Uni.createFrom().voidItem();
        }
        if (!key.usableAt(Instant.now())) {
            return Uni.createFrom().failure(Refusals.invalidKey());
        }
        List<Candidate> allowed = call.request().plan().candidates().stream()
                .filter(candidate -> allowed(admission, candidate)).toList();
        if (allowed.isEmpty()) {
            return Uni.createFrom().failure(Refusals.modelNotAllowed(call.request().plan().candidates(), key));
        }
        Candidate first = allowed.stream().filter(candidate -> prices.reservable(admission, candidate)).findFirst()
                .orElse(null);
        if (first == null) {
            return Uni.createFrom().failure(Refusals.modelNotPriced(allowed, key));
        }
        admission.pricedFor = first;
        long tokens = admission.promptTokens + CallEstimate.outputTokens(call.request().operation(), body, model(first));
        Need need = new Need(1, tokens,
                CallEstimate.cost(prices.of(admission, first), admission.promptTokens, tokens - admission.promptTokens), 1);
        ScopeLease keyLease = key.limits().any() ? leases.lease("key:" + key.id(), key.limits()) : null;
        ScopeLease teamLease = key.team() != null && key.team().limits().any()
                ? leases.lease("team:" + key.team().id(), key.team().limits())
                : null;
        Uni<Reservation> fromKey = keyLease == null ? Uni.createFrom().nullItem() : leases.take(keyLease, need);
        return fromKey.chain(reserved -> {
            if (reserved != null) {
                admission.current.add(reserved);
            }
            if (teamLease == null) {
                return Uni.createFrom().voidItem();
            }
            return leases.take(teamLease, need).invoke(admission.current::add).replaceWithVoid()
                    .onFailure().invoke(() -> giveBack(admission));
        }).invoke(() -> call.attribution(Attributions.of(call, key,
                keyLease == null && teamLease == null ? null : leases.holder(), prices.forUnpriced(admission))))
                .onFailure(LeaseShortage.class).transform(shortage -> Refusals.of((LeaseShortage) shortage, key));
    }

    @Override
    public Skip skip(Call call, Candidate candidate) {
        Admission admission = call.attachment(Admission.class);
        if (admission == null || !admission.governed()) {
            return null;
        }
        if (!allowed(admission, candidate)) {
            return new Skip("not allowed for this key", Refusals.modelNotAllowed(List.of(candidate), admission.key));
        }
        if (!prices.reservable(admission, candidate)) {
            return new Skip("no price to reserve its cost by",
                    Refusals.modelNotPriced(List.of(candidate), admission.key));
        }
        if (candidate.equals(admission.pricedFor) && !admission.attemptEnded) {
            return null;
        }
        return reprice(call, admission, candidate) ? null
                : new Skip("over budget", Refusals.budgetFor(admission.current, admission.key));
    }

    /** The next attempt's worst case, on its model: moved from a free attempt's reservation, or taken afresh. */
    private boolean reprice(Call call, Admission admission, Candidate candidate) {
        BigDecimal usd = CallEstimate.cost(prices.of(admission, candidate), admission.promptTokens,
                CallEstimate.outputTokens(call.request().operation(), call.request().body(), model(candidate)));
        boolean mayHaveCost = admission.attemptEnded && !admission.attemptFree;
        admission.attemptEnded = false;
        admission.pricedFor = candidate;
        if (!mayHaveCost) {
            for (Reservation reservation : admission.current) {
                if (!reservation.lease().repriced(reservation, usd)) {
                    return false;
                }
            }
            return true;
        }
        // The last attempt may have cost something: its reservation stays spent, and this one needs its own.
        List<Reservation> fresh = new ArrayList<>(admission.current.size());
        for (Reservation reservation : admission.current) {
            ScopeLease.Take take = reservation.lease().take(new Need(0, 0, usd, 0), System.nanoTime());
            if (take.reservation() == null) {
                if (take.needsRenewal()) {
                    leases.renew(reservation.lease(), false);
                }
                fresh.forEach(taken -> taken.lease().finish(taken, BigDecimal.ZERO, 0L, false));
                return false;
            }
            fresh.add(take.reservation());
        }
        admission.unknown.addAll(admission.current);
        admission.current.clear();
        admission.current.addAll(fresh);
        return true;
    }

    @Override
    public void afterAttempt(Call call, Candidate candidate, CompletionReply reply, Throwable failure, long latencyMs) {
        Admission admission = call.attachment(Admission.class);
        if (admission == null) {
            return;
        }
        admission.attemptEnded = true;
        admission.attemptFree = reply == null && costsNothing(failure);
        if (reply != null) {
            admission.answeredBy = candidate;
            if (reply.isFinal()) {
                admission.tokens = tokensOf(reply);
            }
        }
    }

    @Override
    public void streamReply(Call call, CompletionReply reply) {
        Admission admission = call.attachment(Admission.class);
        if (admission == null) {
            return;
        }
        if (reply.last() && reply.tokens() != null) {
            admission.tokens = reply.tokens();
        }
        // A named event (Anthropic's, on the native Messages path) passes unmodified: only chat chunks carry a cost.
        JsonNode usage = reply.chunk() == null || reply.eventType() != null ? null : reply.chunk().get("usage");
        if (usage instanceof ObjectNode usageNode && admission.answeredBy != null) {
            BigDecimal cost = Costs.of(prices.of(admission, admission.answeredBy), TokenCounts.ofOpenAi(usageNode));
            if (cost != null) {
                usageNode.put("cost", cost.doubleValue());
            }
        }
    }

    @Override
    public void afterCall(Call call, Outcome outcome, Throwable failure) {
        Admission admission = call.attachment(Admission.class);
        if (admission == null) {
            return;
        }
        if (admission.tokens != null && admission.answeredBy != null) {
            admission.cost = Costs.of(prices.of(admission, admission.answeredBy), admission.tokens);
        } else if (outcome != Outcome.CANCELLED && (call.attempts() == 0 || admission.attemptFree)) {
            admission.cost = BigDecimal.ZERO;
        }
        boolean accepted = call.attempts() > 0 || outcome == Outcome.SUCCESS;
        for (Reservation reservation : admission.unknown) {
            reservation.lease().finish(reservation, null, null, true);
        }
        Long tokens = null;
        if (admission.tokens != null) {
            tokens = admission.tokens.input() + admission.tokens.output();
        } else if (admission.cost != null && admission.cost.signum() == 0) {
            tokens = 0L;
        }
        for (Reservation reservation : admission.current) {
            reservation.lease().finish(reservation, admission.cost, admission.unknown.isEmpty() ? tokens : null, accepted);
        }
    }

    @Override
    public void answerHeaders(Call call, ApiException failure, Map<String, String> headers) {
        Admission admission = call.attachment(Admission.class);
        if (admission == null) {
            return;
        }
        GovernanceHeaders.add(admission, leases, failure, headers);
    }

    private void giveBack(Admission admission) {
        for (Reservation reservation : admission.current) {
            reservation.lease().finish(reservation, BigDecimal.ZERO, 0L, false);
        }
        admission.current.clear();
    }

    /**
     * Whether the key may run a call that asked for {@code model} on this candidate, as its attempts will be checked; a
     * static key may run any.
     */
    public boolean allows(String keyId, String model, Candidate candidate) {
        KeyState key = keys.byId(keyId).orElse(null);
        return key == null || allowed(key, candidate, ModelAllowance.AUTO.equals(model));
    }

    private boolean allowed(Admission admission, Candidate candidate) {
        return allowed(admission.key, candidate, admission.auto);
    }

    private boolean allowed(KeyState key, Candidate candidate, boolean auto) {
        return ModelAllowance.allows(key.models(), candidate, aliases, auto)
                && (key.team() == null || ModelAllowance.allows(key.team().models(), candidate, aliases, auto));
    }

    private CatalogModel model(Candidate candidate) {
        return catalog.find(candidate.qualified()).orElse(null);
    }

    /** A provider's refusal bills nothing; a timeout, a broken connection or a server error may have. */
    private static boolean costsNothing(Throwable failure) {
        if (!(failure instanceof ProviderFailure provider)) {
            return true;
        }
        ErrorClass errorClass = provider.error().errorClass();
        return errorClass != ErrorClass.TIMEOUT && errorClass != ErrorClass.NETWORK && errorClass != ErrorClass.SERVER_ERROR;
    }

    private static TokenCounts tokensOf(CompletionReply reply) {
        if (reply.tokens() != null) {
            return reply.tokens();
        }
        return reply.completion() != null && reply.completion().get("usage") instanceof ObjectNode usage
                ? TokenCounts.ofOpenAi(usage)
                : null;
    }
}
