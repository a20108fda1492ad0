package dev.switchboard.telemetry.client;

import java.nio.charset.StandardCharsets;

/** Percent-encodes a path whose '/' are separators, keeping the characters RFC 3986 allows in a segment. */
final class PathSegments {

    private static final String ALLOWED = "-._~:@!$&'()*+,;=";

    private PathSegments() {
    }

    static String encode(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c == '/' || (c < 128 && (Character.isLetterOrDigit(c) || ALLOWED.indexOf(c) >= 0))) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
