package dev.switchboard.router.governance;

/** A call could not have what it needs from a scope's lease: which limit, and of which scope. */
final class LeaseShortage extends RuntimeException {

    final transient ScopeLease lease;
    final Shortage shortage;

    LeaseShortage(ScopeLease lease, Shortage shortage) {
        super(shortage.kind() + " of " + lease.scope, null, false, false);
        this.lease = lease;
        this.shortage = shortage;
    }
}
