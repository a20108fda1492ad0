package dev.switchboard.router;

import java.util.List;

import dev.switchboard.contracts.RouteInfo;

/** The models a call will try, in order, and why. */
public record Plan(List<Candidate> candidates, String policy, String task, String reason) {

    public RouteInfo routeInfo(boolean fallback, String why) {
        return new RouteInfo(policy, task, candidates.stream().map(Candidate::qualified).toList(), fallback, why);
    }
}
