package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class StrictUtf8Test {

    private final ObjectMapper mapper = strictMapper();

    @Test
    void readsAsciiAndWellFormedUtf8FromBytesAndStreams() throws Exception {
        for (String text : new String[] { "plain", "caf\u00e9 \u20ac \uD83D\uDE00", "x".repeat(20_000) + "\u00e9" }) {
            byte[] body = json(text);
            assertThat(mapper.readTree(body).get("text").asText()).isEqualTo(text);
            assertThat(mapper.readTree(new ByteArrayInputStream(body)).get("text").asText()).isEqualTo(text);
        }
    }

    @Test
    void readsACharacterCutByTheStreamsChunks() throws Exception {
        // The euro sign's three bytes straddle the 8,192-byte chunks the stream is checked in.
        for (int prefix = 8_170; prefix < 8_200; prefix++) {
            String text = "a".repeat(prefix) + "\u20ac" + "b".repeat(10);
            JsonNode read = mapper.readTree(new ByteArrayInputStream(json(text)));
            assertThat(read.get("text").asText()).isEqualTo(text);
        }
    }

    @Test
    void refusesAnOverlongFormAfterALongAsciiRunAndSaysWhere() {
        byte[] body = concat(ascii("{\"text\":\"" + "a".repeat(10_000)), new byte[] { (byte) 0xC0, (byte) 0xAF },
                ascii("\"}"));
        assertRefusedFromBytesAndStream(body, "Invalid UTF-8 at byte 10009");
    }

    @Test
    void refusesSurrogatesLoneContinuationsAndCodePointsPastTheLastOne() {
        byte[][] bad = { { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0x80 },
                { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 } };
        for (byte[] sequence : bad) {
            byte[] body = concat(ascii("{\"text\":\"ok "), sequence, ascii("\"}"));
            assertRefusedFromBytesAndStream(body, "Invalid UTF-8");
        }
    }

    @Test
    void refusesABodyThatEndsInsideACharacter() {
        byte[] body = concat(ascii("\"" + "a".repeat(9_000)), new byte[] { (byte) 0xE2, (byte) 0x82 });
        assertRefusedFromBytesAndStream(body, "Invalid UTF-8");
    }

    private void assertRefusedFromBytesAndStream(byte[] body, String message) {
        assertThatThrownBy(() -> mapper.readTree(body)).isInstanceOf(JsonParseException.class)
                .hasMessageContaining(message);
        assertThatThrownBy(() -> mapper.readTree(new ByteArrayInputStream(body))).isInstanceOf(JsonParseException.class)
                .hasMessageContaining(message);
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    private static byte[] json(String text) throws Exception {
        return new ObjectMapper().writeValueAsBytes(Map.of("text", text));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
