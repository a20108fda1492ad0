package dev.switchboard.local;

import java.util.List;
import java.util.Map;

/**
 * A span as an OTLP receiver got it: ids in lower-case hex ({@code parentSpanId} null for a root), the exporting
 * service's {@code service.name}, the attributes as Java values (String, Long, Double, Boolean or a List of them), the
 * span ids it links to, and its status code ({@code UNSET}, {@code OK}, {@code ERROR}).
 */
public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
        Map<String, Object> attributes, List<String> links, long startEpochNanos, long endEpochNanos, String status) {

    public Object attribute(String key) {
        return attributes.get(key);
    }

    public boolean isChildOf(ReceivedSpan parent) {
        return parent.traceId.equals(traceId) && parent.spanId.equals(parentSpanId);
    }
}
