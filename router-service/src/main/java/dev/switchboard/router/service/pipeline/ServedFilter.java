package dev.switchboard.router.service.pipeline;

import jakarta.inject.Singleton;

import dev.switchboard.api.ApiException;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.messaging.ServedProviders;

/**
 * Passes over a candidate whose provider no adapter serves now (none announces it, or none holds a usable key): its
 * request would wait in a topic nobody reads. A call left with no other candidate gets a 503
 * {@code provider_unavailable} at once. An attempt the router answers itself (a token count's estimate) needs no adapter,
 * so its candidate is never passed over for this.
 */
@Singleton
public class ServedFilter implements CandidateFilter {

    static final String PROVIDER_UNAVAILABLE = "provider_unavailable";

    private final ServedProviders served;

    public ServedFilter(ServedProviders served) {
        this.served = served;
    }

    @Override
    public Skip skip(Call call, Candidate candidate) {
        if (served.isServed(candidate.provider()) || answeredHere(call, candidate)) {
            return null;
        }
        String why = served.status(candidate.provider()).reason();
        return new Skip("not served (" + why + ")", new ApiException(503, "Provider " + candidate.provider()
                + " is not served now: " + why + ".", null, PROVIDER_UNAVAILABLE));
    }

    private static boolean answeredHere(Call call, Candidate candidate) {
        try {
            return call.request().bodyFor(candidate).answer() != null;
        } catch (ApiException cannot) {
            // The door cannot write the call for it: the attempt runner passes it over and says why.
            return false;
        }
    }
}
