package dev.switchboard.telemetry;

import static dev.switchboard.telemetry.testing.Ops.ADMIN_KEY;
import static dev.switchboard.telemetry.testing.Ops.OPS_KEY;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.local.testing.BadInput;
import dev.switchboard.local.testing.CommonBadInputs;
import dev.switchboard.local.testing.HttpCall;
import dev.switchboard.local.testing.WrongTypes;
import dev.switchboard.local.testing.WrongTypes.Query;

/**
 * Telemetry's bad-input corpus: its routes take query parameters, and one admin write without a body. The reads carry
 * the ops key they need, so that what is refused is the input.
 */
final class TelemetryBadInputs {

    private TelemetryBadInputs() {
    }

    static List<BadInput> all() {
        List<BadInput> cases = new ArrayList<>();
        cases.addAll(values());
        cases.addAll(WrongTypes.inQuery("/telemetry", TelemetryBadInputs::get, List.of(Query.integer("hours"))));
        cases.addAll(WrongTypes.inQuery("/telemetry/history", TelemetryBadInputs::get,
                List.of(Query.integer("hours"), Query.oneOf("bucket"))));
        cases.addAll(WrongTypes.inQuery("/telemetry/latency", TelemetryBadInputs::get, List.of(Query.integer("minutes"))));
        cases.addAll(WrongTypes.inQuery("/telemetry/insights", TelemetryBadInputs::get, List.of(Query.integer("hours"))));
        cases.addAll(WrongTypes.inQuery("/telemetry/alerts", TelemetryBadInputs::get, List.of(Query.integer("limit"))));
        cases.addAll(WrongTypes.inQuery("/telemetry/export", TelemetryBadInputs::get, List.of(Query.oneOf("format"),
                Query.oneOf("granularity"), Query.instant("from"), Query.instant("to"))));
        cases.addAll(WrongTypes.inQuery("/", TelemetryBadInputs::get, List.of(Query.integer("hours"))));
        cases.addAll(CommonBadInputs.httpLayer("/telemetry", call -> call.bearer(OPS_KEY)));
        return cases;
    }

    static List<BadInput> values() {
        return List.of(
                BadInput.of("hours 0", get("/telemetry?hours=0")).param("hours"),
                BadInput.of("hours beyond a year", get("/telemetry?hours=9000")).param("hours"),
                BadInput.of("a negative hours in the history", get("/telemetry/history?hours=-1")).param("hours"),
                BadInput.of("minute buckets over 48 hours", get("/telemetry/history?hours=49&bucket=minute"))
                        .param("hours"),
                BadInput.of("latency over 0 minutes", get("/telemetry/latency?minutes=0")).param("minutes"),
                BadInput.of("latency over more than a day", get("/telemetry/latency?minutes=100000")).param("minutes"),
                BadInput.of("a negative latency window", get("/telemetry/latency?minutes=-60")).param("minutes"),
                BadInput.of("latency without a key", HttpCall.get("/telemetry/latency")).status(401)
                        .code("invalid_api_key"),
                BadInput.of("insights over a month", get("/telemetry/insights?hours=745")).param("hours"),
                BadInput.of("alerts limit 0", get("/telemetry/alerts?limit=0")).param("limit"),
                BadInput.of("alerts limit 1001", get("/telemetry/alerts?limit=1001")).param("limit"),
                BadInput.of("an export that ends before it starts",
                        get("/telemetry/export?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z")).param("from"),
                BadInput.of("an export from the year 10000", get("/telemetry/export?from=%2B10000-01-01T00:00:00Z"))
                        .param("from"),
                BadInput.of("a NUL character in an export's provider", get("/telemetry/export?provider=%00"))
                        .code("invalid_character"),
                BadInput.of("a NUL character in a statistics filter", get("/telemetry?model=%00"))
                        .code("invalid_character"),
                BadInput.of("statistics without a key", HttpCall.get("/telemetry")).status(401).code("invalid_api_key"),
                BadInput.of("a reset with the ops key", HttpCall.post("/telemetry/reset", "").bearer(OPS_KEY)).status(403)
                        .code("permission_denied"),
                BadInput.of("a reset without a key", HttpCall.post("/telemetry/reset", "")).status(401)
                        .code("invalid_api_key"),
                BadInput.of("a reset with a wrong key", HttpCall.post("/telemetry/reset", "").bearer("wrong")).status(401)
                        .code("invalid_api_key"),
                BadInput.of("GET on the reset", HttpCall.get("/telemetry/reset").bearer(ADMIN_KEY)).status(405),
                BadInput.of("POST on the statistics", HttpCall.post("/telemetry", "{}").bearer(OPS_KEY)).status(405),
                BadInput.of("DELETE on the export", HttpCall.request("DELETE", "/telemetry/export").bearer(OPS_KEY))
                        .status(405),
                BadInput.of("an unknown route", get("/telemetry/nothing-here")).status(404));
    }

    private static HttpCall get(String target) {
        return HttpCall.get(target).bearer(OPS_KEY);
    }
}
