package dev.switchboard.telemetry.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Calls to telemetry with the tests' operations key, as the dashboard and the other services make them. */
public final class Ops {

    public static final String OPS_KEY = "test-ops-key";
    public static final String ADMIN_KEY = "test-admin-key";

    private Ops() {
    }

    /** {@code RestAssured.given()} with {@code Authorization: Bearer <ops key>}. */
    public static RequestSpecification given() {
        return RestAssured.given().header("Authorization", "Bearer " + OPS_KEY);
    }
}
