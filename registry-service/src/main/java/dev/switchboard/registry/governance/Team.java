package dev.switchboard.registry.governance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A team: a name that keys belong to, with limits of its own that apply to all its keys together. */
@Entity
@Table(name = "team")
public class Team extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    @Column(name = "max_budget_usd")
    public BigDecimal maxBudgetUsd;

    /** {@code daily}, {@code weekly}, {@code monthly} or {@code total}. */
    @Column(name = "budget_period")
    public String budgetPeriod = "total";

    public Integer rpm;

    public Long tpm;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> models = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> metadata = new LinkedHashMap<>();

    @Column(name = "created_at")
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at")
    public Instant updatedAt = Instant.now();

    public static Optional<Team> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** The team with this id, else the one with this name. */
    public static Optional<Team> findByIdOrName(String idOrName) {
        Team byId = findById(idOrName);
        return byId != null ? Optional.of(byId) : findByName(idOrName);
    }

    public String scope() {
        return "team:" + id;
    }
}
