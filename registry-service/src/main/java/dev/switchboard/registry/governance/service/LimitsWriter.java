package dev.switchboard.registry.governance.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.registry.governance.LimitedScope;

/**
 * Writes the limits a key and a team share (budget, period, rates, models, metadata) from a create or patch body:
 * only fields the body names change, so the same code serves create (all absent = defaults) and patch.
 */
@ApplicationScoped
public class LimitsWriter {

    private final ModelPatterns patterns;

    public LimitsWriter(ModelPatterns patterns) {
        this.patterns = patterns;
    }

    void apply(LimitedScope scope, WriteBody body) {
        if (body.has("models")) {
            List<String> models = body.strings("models");
            patterns.check(models, "models");
            scope.models = models;
        }
        if (body.has("maxBudgetUsd")) {
            scope.maxBudgetUsd = body.budget("maxBudgetUsd");
        }
        if (body.has("budgetPeriod")) {
            scope.budgetPeriod = body.period("budgetPeriod");
        }
        if (body.has("rpm")) {
            Long rpm = body.positive("rpm", WriteBody.MAX_RPM);
            scope.rpm = rpm == null ? null : rpm.intValue();
        }
        if (body.has("tpm")) {
            scope.tpm = body.positive("tpm", WriteBody.MAX_TPM);
        }
        if (body.has("metadata")) {
            scope.metadata = body.metadata("metadata");
        }
    }
}
