package dev.switchboard.router;

/**
 * Who a call comes from, as the API key filter established it; it travels with the call through the pipeline.
 *
 * @param keyId the public id of the API key the call was authenticated with: a short hash, never the key
 */
public record Caller(String keyId) {
}
