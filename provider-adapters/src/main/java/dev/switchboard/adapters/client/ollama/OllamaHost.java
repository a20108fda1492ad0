package dev.switchboard.adapters.client.ollama;

import java.util.Locale;

/** Turns an address as {@code OLLAMA_HOST} allows it ({@code 0.0.0.0:11434}, {@code 127.0.0.1}) into a base URL. */
final class OllamaHost {

    static final String DEFAULT = "http://127.0.0.1:11434";
    private static final String DEFAULT_PORT = "11434";

    private OllamaHost() {
    }

    static String baseUrl(String address) {
        if (address == null || address.isBlank()) {
            return DEFAULT;
        }
        String rest = address.trim();
        String scheme = "http";
        int separator = rest.indexOf("://");
        if (separator >= 0) {
            scheme = rest.substring(0, separator).toLowerCase(Locale.ROOT);
            rest = rest.substring(separator + 3);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash).replaceAll("/+$", "");
        String host = authority;
        String port = "";
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            host = authority.substring(0, close + 1);
            port = authority.length() > close + 2 ? authority.substring(close + 2) : "";
        } else if (authority.indexOf(':') != authority.lastIndexOf(':')) {
            host = "[" + authority + "]"; // A bare IPv6 address, without a port.
        } else if (authority.contains(":")) {
            host = authority.substring(0, authority.indexOf(':'));
            port = authority.substring(authority.indexOf(':') + 1);
        }
        host = connectable(host);
        // Like Ollama's own client: no scheme means its port; an explicit scheme keeps that scheme's default port.
        if (port.isEmpty() && separator < 0) {
            port = DEFAULT_PORT;
        }
        return scheme + "://" + host + (port.isEmpty() ? "" : ":" + port) + path;
    }

    /** A server binds to 0.0.0.0 or [::], but a client must connect to loopback. */
    private static String connectable(String host) {
        if (host.isEmpty() || host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (host.equals("[::]") || host.equals("[0:0:0:0:0:0:0:0]")) {
            return "[::1]";
        }
        return host;
    }
}
