package dev.switchboard.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A model an operator deleted, remembered by {@code provider/modelId} so neither the catalog nor discovery revives it. */
@Entity
@Table(name = "deleted_model")
public class DeletedModel extends PanacheEntityBase {

    @Id
    public String name;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    public static boolean isDeleted(String provider, String modelId) {
        return findById(provider + "/" + modelId) != null;
    }

    public static void forget(String provider, String modelId) {
        deleteById(provider + "/" + modelId);
    }

    public static void remember(String provider, String modelId) {
        if (!isDeleted(provider, modelId)) {
            DeletedModel deleted = new DeletedModel();
            deleted.name = provider + "/" + modelId;
            deleted.deletedAt = Instant.now();
            deleted.persist();
        }
    }
}
