package dev.switchboard.registry.responses;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A response the router's {@code /v1/responses} stored: the response object, the input items of its request, and the
 * whole conversation up to and including its output, which a {@code previous_response_id} continues. Only the key
 * that made it ({@code apiKeyId}, the router's short hash of the key) may read it, until {@code expiresAt}.
 */
@Entity
@Table(name = "stored_response")
public class StoredResponse extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "api_key_id")
    public String apiKeyId;

    @JdbcTypeCode(SqlTypes.JSON)
    public String response;

    @Column(name = "input_items")
    @JdbcTypeCode(SqlTypes.JSON)
    public String inputItems;

    @JdbcTypeCode(SqlTypes.JSON)
    public String conversation;

    @Column(name = "created_at")
    public Instant createdAt = Instant.now();

    @Column(name = "expires_at")
    public Instant expiresAt;
}
