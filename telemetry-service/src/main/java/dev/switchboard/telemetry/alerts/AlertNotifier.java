package dev.switchboard.telemetry.alerts;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

import dev.switchboard.telemetry.client.WebhookClient;

/**
 * Posts an alert's firing and its resolution to every configured webhook: the alert as JSON, with a Slack-compatible
 * {@code text} line on top. Delivery is retried by {@link WebhookClient} and never holds up evaluation.
 */
@ApplicationScoped
public class AlertNotifier {

    private final WebhookClient client;
    private final ObjectMapper mapper;
    private final List<URI> webhooks;

    public AlertNotifier(WebhookClient client, ObjectMapper mapper, AlertsConfig config) {
        this.client = client;
        this.mapper = mapper;
        this.webhooks = config.webhooks().orElse(List.of());
    }

    public void notify(Alert alert) {
        if (webhooks.isEmpty()) {
            return;
        }
        String payload = payload(alert);
        for (URI webhook : webhooks) {
            client.post(webhook, payload).whenComplete((status, failure) -> {
                if (failure != null) {
                    Log.warnf("Alert %d (%s) was not delivered to %s: %s", alert.id(), alert.status(), webhook.getHost(),
                            failure.getMessage());
                }
            });
        }
    }

    String payload(Alert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text(alert));
        body.put("status", alert.status());
        body.put("alert", alert);
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert cannot be written as JSON", e);
        }
    }

    static String text(Alert alert) {
        String severity = alert.severity().wireName().toUpperCase(Locale.ROOT);
        return alert.firing()
                ? "[" + severity + "] FIRING " + alert.rule() + ": " + alert.message()
                : "[" + severity + "] RESOLVED " + alert.rule() + ": "
                        + (alert.resolvedMessage() == null ? alert.message() : alert.resolvedMessage());
    }
}
