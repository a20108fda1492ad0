package dev.switchboard.registry.governance;

import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A team: a name that keys belong to, with limits of its own that apply to all its keys together. */
@Entity
@Table(name = "team")
public class Team extends LimitedScope {

    public static Optional<Team> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** The team with this id, else the one with this name. */
    public static Optional<Team> findByIdOrName(String idOrName) {
        Team byId = findById(idOrName);
        return byId != null ? Optional.of(byId) : findByName(idOrName);
    }

    @Override
    public String scope() {
        return "team:" + id;
    }
}
