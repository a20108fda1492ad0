package dev.switchboard.registry;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import dev.switchboard.registry.service.sync.SyncedPrice;

/**
 * What the last catalog sync read about one model, whether or not the registry holds it yet: discovery takes a new
 * model's facts and price from here. Prices are USD per million tokens; {@code sourceUrl} and {@code fetchedAt} say
 * where and when they were read.
 */
@Entity
@Table(name = "synced_model")
@IdClass(SyncedModel.Key.class)
public class SyncedModel extends PanacheEntityBase {

    @Id
    public String provider;

    @Id
    @Column(name = "model_id")
    public String modelId;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "context_window")
    public Integer contextWindow;

    @Column(name = "max_output_tokens")
    public Integer maxOutputTokens;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> capabilities = new ArrayList<>();

    @Column(name = "capabilities_known")
    public boolean capabilitiesKnown;

    @Column(name = "input_per_million")
    public BigDecimal inputPerMillion;

    @Column(name = "output_per_million")
    public BigDecimal outputPerMillion;

    @Column(name = "cached_input_per_million")
    public BigDecimal cachedInputPerMillion;

    @Column(name = "cache_write_per_million")
    public BigDecimal cacheWritePerMillion;

    @Column(name = "cache_write_1h_per_million")
    public BigDecimal cacheWrite1hPerMillion;

    @Column(name = "reasoning_per_million")
    public BigDecimal reasoningPerMillion;

    @Column(name = "source_url")
    public String sourceUrl;

    @Column(name = "source_format")
    public String sourceFormat;

    @Column(name = "source_key")
    public String sourceKey;

    @Column(name = "fetched_at")
    public Instant fetchedAt;

    public static Optional<SyncedModel> findByName(String provider, String modelId) {
        return find("provider = ?1 and modelId = ?2", provider, modelId).firstResultOptional();
    }

    /** The facts as discovery merges them. */
    public ModelFacts facts() {
        return new ModelFacts(displayName, null, contextWindow, maxOutputTokens, List.copyOf(capabilities),
                capabilitiesKnown, null);
    }

    public boolean priced() {
        return inputPerMillion != null && outputPerMillion != null;
    }

    /** The synced price, when {@link #priced()}. */
    public SyncedPrice price() {
        return new SyncedPrice(inputPerMillion, outputPerMillion, cachedInputPerMillion, cacheWritePerMillion,
                cacheWrite1hPerMillion, reasoningPerMillion);
    }

    /** The composite key. */
    public static class Key implements Serializable {
        public String provider;
        public String modelId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(provider, key.provider) && Objects.equals(modelId, key.modelId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(provider, modelId);
        }
    }
}
