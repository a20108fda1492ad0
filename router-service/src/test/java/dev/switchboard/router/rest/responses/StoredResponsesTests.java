package dev.switchboard.router.rest.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.router.testing.FakeAdapterTests;
import dev.switchboard.router.testing.ResponseStoreStub;

/** {@code store}, {@code previous_response_id} and the stored responses' endpoints, against the registry's store. */
@QuarkusTest
class StoredResponsesTests extends FakeAdapterTests {

    private static final String OWNER = "test-key";
    private static final String STRANGER = "test-key-2";

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    protected void warmUp() {
        as(OWNER)
                .body("{\"model\":\"ollama/llama3.2:3b\",\"input\":\"warm up\",\"store\":false}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200);
    }

    @Test
    void aStoredResponseIsReadContinuedAndDeletedByItsKeyOnly() throws Exception {
        String id = as(OWNER)
                .body("{\"model\":\"mock/echo\",\"input\":\"first question\"}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .body("store", is(true))
                .extract().path("id");

        as(OWNER)
                .when().get("/v1/responses/" + id)
                .then()
                .statusCode(200)
                .body("id", is(id))
                .body("output[0].content[0].text", is("first question"));
        as(OWNER)
                .when().get("/v1/responses/" + id + "/input_items")
                .then()
                .statusCode(200)
                .body("object", is("list"))
                .body("data.size()", is(1))
                .body("data[0].type", is("message"))
                .body("data[0].content[0].text", is("first question"))
                .body("has_more", is(false));
        as(STRANGER)
                .when().get("/v1/responses/" + id)
                .then()
                .statusCode(404)
                .body("error.type", is("invalid_request_error"));
        as(STRANGER)
                .body("{\"model\":\"mock/echo\",\"input\":\"stolen\",\"previous_response_id\":\"" + id + "\"}")
                .when().post("/v1/responses")
                .then()
                .statusCode(404)
                .body("error.param", is("previous_response_id"));

        as(OWNER)
                .body("{\"model\":\"mock/echo\",\"input\":\"second question\",\"previous_response_id\":\"" + id + "\"}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .body("previous_response_id", is(id))
                .body("output[0].content[0].text", is("second question"));
        assertThat(adapter.request("second question").body().get("messages")).isEqualTo(mapper.readTree("""
                [{"role":"user","content":"first question"},{"role":"assistant","content":"first question"},
                 {"role":"user","content":"second question"}]"""));

        as(STRANGER)
                .when().delete("/v1/responses/" + id)
                .then()
                .statusCode(404);
        as(OWNER)
                .when().delete("/v1/responses/" + id)
                .then()
                .statusCode(200)
                .body("deleted", is(true));
        as(OWNER)
                .when().get("/v1/responses/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void storeFalseKeepsNothing() {
        String id = as(OWNER)
                .body("{\"model\":\"mock/echo\",\"input\":\"forget me\",\"store\":false}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .body("store", is(false))
                .extract().path("id");

        assertThat(ResponseStoreStub.holds(id)).isFalse();
        as(OWNER)
                .when().get("/v1/responses/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void aStreamedResponseIsStoredBeforeItsLastEvent() {
        String events = as(OWNER)
                .body("{\"model\":\"mock/echo\",\"input\":\"streamed and kept\",\"stream\":true}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .extract().asString();
        String id = events.substring(events.indexOf("\"id\":\"resp_") + 6, events.indexOf("\"", events.indexOf(
                "\"id\":\"resp_") + 6));

        assertThat(ResponseStoreStub.holds(id)).as("stored before the stream's last event went out").isTrue();
        as(OWNER)
                .when().get("/v1/responses/" + id)
                .then()
                .statusCode(200)
                .body("status", is("completed"))
                .body("output[0].content[0].text", is("streamedandkept"));
    }

    @Test
    void aMethodAStoredResponseDoesNotTakeIsA405ThatSaysWhichItTakes() {
        as(OWNER)
                .body("{}")
                .when().put("/v1/responses/resp_any")
                .then()
                .statusCode(405)
                .header("Allow", "DELETE, GET")
                .body("error.type", is("invalid_request_error"))
                .body("error.code", is("method_not_allowed"));
        as(OWNER)
                .when().get("/v1/responses")
                .then()
                .statusCode(405)
                .header("Allow", "POST");
    }
}
