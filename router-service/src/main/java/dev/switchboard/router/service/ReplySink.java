package dev.switchboard.router.service;

import dev.switchboard.contracts.CompletionReply;

/** Where the replies of one pending call go. */
public interface ReplySink {

    /** Takes one reply; returns true once the call needs no more. Called on the reply listener's thread only. */
    boolean accept(CompletionReply reply);

    /** Whether the attempt has given its last reply, so that there is nothing left to cancel. */
    boolean finished();
}
