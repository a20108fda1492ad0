package dev.switchboard.router.rest.responses;

/**
 * The ids of one response and of the items it outputs, all made from the call's request id, so a response and its
 * items are found again by the same id in the logs and in usage.
 */
record ResponseIds(String key) {

    /** The ids of the call with this request id ({@code req_<hex>}). */
    static ResponseIds of(String requestId) {
        return new ResponseIds(requestId.substring(requestId.indexOf('_') + 1));
    }

    String response() {
        return "resp_" + key;
    }

    String message() {
        return "msg_" + key;
    }

    String reasoning() {
        return "rs_" + key;
    }

    String functionCall(int index) {
        return "fc_" + key + "_" + index;
    }
}
