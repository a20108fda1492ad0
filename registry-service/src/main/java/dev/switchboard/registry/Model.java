package dev.switchboard.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A model of one provider: what it can do, how big its window is, and how fast and good it is. A fact nobody stated
 * (a discovered model's window, say) is null, and {@code capabilitiesKnown} is false while the capabilities listed may
 * be incomplete.
 */
@Entity
@Table(name = "model")
public class Model extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String provider;

    @Column(name = "model_id")
    public String modelId;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> capabilities = new ArrayList<>();

    /** Whether {@link #capabilities} is the whole list; false when only some are known to be there. */
    @Column(name = "capabilities_known")
    public boolean capabilitiesKnown = true;

    @Column(name = "context_window")
    public Integer contextWindow;

    @Column(name = "max_output_tokens")
    public Integer maxOutputTokens;

    @Column(name = "latency_tier")
    public String latencyTier;

    @Column(name = "quality_tier")
    public String qualityTier;

    @Column(name = "open_weights")
    public boolean openWeights;

    public boolean available = true;

    public boolean deprecated;

    @Column(name = "sunset_date")
    public LocalDate sunsetDate;

    /** Where the metadata came from: {@code catalog}, {@code manual} or {@code discovery}. */
    public String origin = Origin.CATALOG;

    @Column(name = "updated_at")
    public Instant updatedAt = Instant.now();

    /** The synced catalog that filled in facts of a discovered model, and when it was read; null when none did. */
    @Column(name = "facts_source")
    public String factsSource;

    @Column(name = "facts_fetched_at")
    public Instant factsFetchedAt;

    /** When discovery last found the model at its provider. */
    @Column(name = "last_seen")
    public Instant lastSeen;

    public static Optional<Model> findByName(String provider, String modelId) {
        return find("provider = ?1 and modelId = ?2", provider, modelId).firstResultOptional();
    }

    public static List<Model> listByProvider(String provider) {
        return list("provider = ?1 order by modelId", provider);
    }

    public String name() {
        return provider + "/" + modelId;
    }
}
