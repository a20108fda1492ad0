package dev.switchboard.registry.governance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What a key and a team both are: a named scope with a budget, rate limits, allowed models and metadata. */
@MappedSuperclass
public abstract class LimitedScope extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> models = new ArrayList<>();

    @Column(name = "max_budget_usd")
    public BigDecimal maxBudgetUsd;

    /** {@code daily}, {@code weekly}, {@code monthly} or {@code total}. */
    @Column(name = "budget_period")
    public String budgetPeriod = "total";

    public Integer rpm;

    public Long tpm;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> metadata = new LinkedHashMap<>();

    @Column(name = "created_at")
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at")
    public Instant updatedAt = Instant.now();

    /** The scope's name in leases and spend: {@code key:<id>} or {@code team:<id>}. */
    public abstract String scope();
}
