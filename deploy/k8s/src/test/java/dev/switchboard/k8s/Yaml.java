package dev.switchboard.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reads YAML of one or more documents into Jackson trees. */
final class Yaml {

    static final ObjectMapper MAPPER = new YAMLMapper();

    private Yaml() {
    }

    static List<JsonNode> documents(Path file) {
        try {
            return documents(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> documents(String text) {
        // Document by document: a reader of many values would unwrap a document that is a list (a JSON patch).
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
            while (parser.nextToken() != null) {
                JsonNode document = MAPPER.readTree(parser);
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }
}
