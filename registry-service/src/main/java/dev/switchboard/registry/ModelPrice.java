package dev.switchboard.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A model's prices in USD per million tokens from one effective date on, and where they came from. */
@Entity
@Table(name = "model_price")
public class ModelPrice extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The id of the {@link Model}. */
    public long model;

    @Column(name = "effective_from")
    public Instant effectiveFrom;

    @Column(name = "input_per_million")
    public BigDecimal inputPerMillion;

    @Column(name = "output_per_million")
    public BigDecimal outputPerMillion;

    @Column(name = "cached_input_per_million")
    public BigDecimal cachedInputPerMillion;

    /** Output tokens spent on reasoning, where the provider prices them apart from the answer; null when it does not. */
    @Column(name = "reasoning_per_million")
    public BigDecimal reasoningPerMillion;

    /** Writing to the prompt cache: the 5-minute write, or the provider's only kind; null when writes cost as input. */
    @Column(name = "cache_write_per_million")
    public BigDecimal cacheWritePerMillion;

    /** Writing to the prompt cache for an hour, where that costs more than the 5-minute write. */
    @Column(name = "cache_write_1h_per_million")
    public BigDecimal cacheWrite1hPerMillion;

    /** When a synced price was read from its source ({@code sourceReference}); null for other sources. */
    @Column(name = "fetched_at")
    public Instant fetchedAt;

    /** {@code catalog}, {@code manual}, {@code discovery} or {@code sync}. */
    public String source;

    @Column(name = "source_reference")
    public String sourceReference;

    /** What is known about the price's provenance, for example that it could not be confirmed. */
    public String note;

    /** {@code active}, or {@code pending}: a catalog price waiting for an operator to accept it over a manual one. */
    public String status = ACTIVE;

    @Column(name = "catalog_version")
    public String catalogVersion;

    @Column(name = "set_at")
    public Instant setAt;

    public static final String ACTIVE = "active";
    public static final String PENDING = "pending";

    /** The price in force at the given time: the latest active one whose effective date is not after it. */
    public static Optional<ModelPrice> inForce(long model, Instant at) {
        return find("model = ?1 and status = 'active' and effectiveFrom <= ?2 order by effectiveFrom desc, setAt desc, id desc",
                model, at).firstResultOptional();
    }

    /** The price in force at the given time for every model that has one, by model id. */
    public static Map<Long, ModelPrice> allInForce(Instant at) {
        Map<Long, ModelPrice> prices = new HashMap<>();
        ModelPrice
                .<ModelPrice> list("status = 'active' and effectiveFrom <= ?1 order by effectiveFrom desc, setAt desc, id desc",
                        at)
                .forEach(price -> prices.putIfAbsent(price.model, price));
        return prices;
    }

    /** Every row of a model, pending ones included, newest effective date first. */
    public static List<ModelPrice> history(long model) {
        return list("model = ?1 order by effectiveFrom desc, setAt desc, id desc", model);
    }

    public static Optional<ModelPrice> latestPending(long model) {
        return find("model = ?1 and status = 'pending' order by setAt desc, id desc", model).firstResultOptional();
    }

    public static Optional<ModelPrice> latestManual(long model) {
        return find("model = ?1 and status = 'active' and source = 'manual' order by setAt desc, id desc", model)
                .firstResultOptional();
    }

    public static List<ModelPrice> setSince(Instant since) {
        return list("setAt >= ?1 order by setAt, id", since);
    }
}
