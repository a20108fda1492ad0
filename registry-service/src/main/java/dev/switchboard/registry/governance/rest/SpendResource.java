package dev.switchboard.registry.governance.rest;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.api.auth.Requires;
import dev.switchboard.api.auth.Right;
import dev.switchboard.registry.governance.ScopeSpend;
import dev.switchboard.registry.governance.service.SpendLedger;
import dev.switchboard.registry.service.RequestChecks;

/**
 * Every budgeted key's and team's settled spend, so that telemetry's budget alerts measure the figure budgets are
 * enforced on; read with the operations key.
 */
@Path("/governance/spend")
@Requires(Right.OPS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "governance")
public class SpendResource {

    private final SpendLedger ledger;

    public SpendResource(SpendLedger ledger) {
        this.ledger = ledger;
    }

    @GET
    @Operation(summary = "Each live key and team with a budget: the budget and its settled spend in the period that "
            + "holds ?at (ISO-8601, default now)")
    public List<ScopeSpend> spend(@QueryParam("at") String at) {
        return ledger.budgeted(at == null ? Instant.now() : RequestChecks.instant(at, "at"));
    }
}
