package dev.switchboard.router.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.switchboard.router.messaging.ReplyListener;

/** Ready only while this replica reads its reply partition: without it, no call could be answered. */
@Readiness
public class ReplyListenerHealthCheck implements HealthCheck {

    private final ReplyListener listener;

    public ReplyListenerHealthCheck(ReplyListener listener) {
        this.listener = listener;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Kafka reply listener")
                .status(listener.isPolling())
                .withData("partition", listener.partition())
                .build();
    }
}
