package dev.switchboard.adapters.client.mock;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The mock provider's embeddings: a unit vector drawn from the SHA-256 of the input, so the same input always gets the
 * same vector, on every run and every machine, and different inputs get different ones.
 */
final class MockVectors {

    static final int DEFAULT_DIMENSIONS = 16;

    private MockVectors() {
    }

    static ArrayNode of(ObjectMapper mapper, String input, int dimensions) {
        double[] values = new double[dimensions];
        double norm = 0;
        byte[] block = new byte[0];
        for (int i = 0; i < dimensions; i++) {
            // Eight values per digest: the input and the block's number hashed again for each next eight.
            if (i % 8 == 0) {
                block = sha256(input + "#" + i / 8);
            }
            int bits = ByteBuffer.wrap(block, (i % 8) * 4, 4).getInt();
            values[i] = bits / (double) Integer.MAX_VALUE;
            norm += values[i] * values[i];
        }
        double scale = norm == 0 ? 1 : 1 / Math.sqrt(norm);
        ArrayNode vector = mapper.createArrayNode();
        for (double value : values) {
            vector.add((float) (value * scale));
        }
        return vector;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
