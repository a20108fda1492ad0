package dev.switchboard.router.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import dev.switchboard.api.ApiException;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.service.pipeline.Call;
import dev.switchboard.router.service.pipeline.CandidateFilter;

/**
 * A {@link CandidateFilter} as a governance layer would plug in: a model whose id starts with {@link #PREFIX} is not
 * allowed. An alternative, so only the tests that enable it have it.
 */
@ApplicationScoped
@Alternative
public class ForbiddenModelFilter implements CandidateFilter {

    public static final String PREFIX = "forbidden-";
    private static final Skip FORBIDDEN = new Skip("not allowed for this key",
            new ApiException(403, "This key may not use the models asked for.", "model", "model_not_allowed"));

    @Override
    public Skip skip(Call call, Candidate candidate) {
        return candidate.model().startsWith(PREFIX) ? FORBIDDEN : null;
    }
}
