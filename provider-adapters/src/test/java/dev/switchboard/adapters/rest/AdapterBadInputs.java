package dev.switchboard.adapters.rest;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.local.testing.BadInput;
import dev.switchboard.local.testing.CommonBadInputs;
import dev.switchboard.local.testing.HttpCall;

/**
 * The provider adapters' bad-input corpus: their REST routes take no body, so what is bad is the path and the HTTP.
 * Every call carries the ops key, which the listings need, so that what is refused is the input.
 */
final class AdapterBadInputs {

    static final String OPS_KEY = "test-ops-key";

    private AdapterBadInputs() {
    }

    static List<BadInput> all() {
        List<BadInput> cases = new ArrayList<>(List.of(
                BadInput.of("a provider this adapter does not know", get("/providers/nobody/models")).status(404)
                        .param("provider").code("provider_not_served"),
                BadInput.of("a provider name in capitals", get("/providers/MOCK/models")).status(404)
                        .code("provider_not_served"),
                BadInput.of("a NUL character as the provider", get("/providers/%00/models")).status(404)
                        .code("provider_not_served"),
                BadInput.of("a provider name of 2,000 characters", get("/providers/" + "p".repeat(2000)
                        + "/models")).status(404).code("provider_not_served"),
                BadInput.of("POST on the provider list", post("/providers", "{}")).status(405),
                BadInput.of("DELETE on a provider's models", request("DELETE", "/providers/mock/models"))
                        .status(405),
                BadInput.of("PUT on a provider's models", put("/providers/mock/models", "{}")).status(405),
                BadInput.of("an unknown route", get("/nothing-here")).status(404),
                BadInput.of("a route below a provider's models", get("/providers/mock/models/extra")).status(404),
                BadInput.of("an encoded slash in the provider", get("/providers/mo%2Fck/models")).status(404)));
        cases.addAll(CommonBadInputs.httpLayer("/providers", call -> call.bearer(OPS_KEY)));
        return cases;
    }

    private static HttpCall get(String target) {
        return HttpCall.get(target).bearer(OPS_KEY);
    }

    private static HttpCall post(String target, String json) {
        return HttpCall.post(target, json).bearer(OPS_KEY);
    }

    private static HttpCall put(String target, String json) {
        return HttpCall.put(target, json).bearer(OPS_KEY);
    }

    private static HttpCall request(String method, String target) {
        return HttpCall.request(method, target).bearer(OPS_KEY);
    }
}
