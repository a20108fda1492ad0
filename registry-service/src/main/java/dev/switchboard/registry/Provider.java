package dev.switchboard.registry;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A provider Switchboard can route to, and what was last seen of its health. */
@Entity
@Table(name = "provider")
public class Provider extends PanacheEntityBase {

    @Id
    public String name;

    /** {@code local} or {@code cloud}. */
    public String kind;

    public String protocol;

    @Column(name = "base_url")
    public String baseUrl;

    public boolean enabled = true;

    public String status = "unknown";

    @Column(name = "last_seen")
    public Instant lastSeen;

    public static List<Provider> listOrdered() {
        return list("order by name");
    }
}
