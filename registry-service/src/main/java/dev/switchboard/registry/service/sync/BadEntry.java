package dev.switchboard.registry.service.sync;

/** One entry of a synced catalog that cannot be taken: it is skipped, and the report says why. */
final class BadEntry extends RuntimeException {

    BadEntry(String reason) {
        super(reason, null, false, false);
    }
}
