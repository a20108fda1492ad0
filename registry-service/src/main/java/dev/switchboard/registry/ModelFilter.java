package dev.switchboard.registry;

import java.util.List;

/** The filters of {@code GET /models}; a null field does not filter. */
public record ModelFilter(String provider, List<String> capabilities, Boolean available, Boolean local) {

    public boolean matches(ModelView model) {
        return (provider == null || provider.equals(model.provider()))
                && (capabilities == null || model.capabilities().containsAll(capabilities))
                && (available == null || available == model.available())
                && (local == null || local == model.local());
    }
}
