package dev.switchboard.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A synced price that differed from the price in force when a sync read it: put in force over it ({@code applied}), or
 * kept waiting beside a manual price ({@code pending}). Both prices are rows of {@link ModelPrice}, which say their
 * amounts and sources; {@code lastSeenAt} moves on while later syncs find the same difference.
 */
@Entity
@Table(name = "price_drift")
public class PriceDrift extends PanacheEntityBase {

    public static final String APPLIED = "applied";
    public static final String PENDING = "pending";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public long model;

    @Column(name = "in_force_price")
    public long inForcePrice;

    @Column(name = "synced_price")
    public long syncedPrice;

    public String resolution;

    @Column(name = "detected_at")
    public Instant detectedAt;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    public static Optional<PriceDrift> find(long inForcePrice, long syncedPrice) {
        return find("inForcePrice = ?1 and syncedPrice = ?2", inForcePrice, syncedPrice).firstResultOptional();
    }

    public static List<PriceDrift> seenSince(Instant since) {
        return list("lastSeenAt >= ?1 order by lastSeenAt desc, id desc", since);
    }
}
