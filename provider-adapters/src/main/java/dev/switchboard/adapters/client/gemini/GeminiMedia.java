package dev.switchboard.adapters.client.gemini;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.contracts.ErrorClass;

/**
 * Turns OpenAI media references (data URLs, web URLs, base64 audio) into Gemini {@code inlineData} or {@code fileData} parts.
 */
final class GeminiMedia {

    /** The image types Gemini documents; a web URL must end in one of these, since Gemini needs the type up front. */
    private static final Map<String, String> IMAGE_TYPES = Map.of(
            "png", "image/png",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "webp", "image/webp",
            "heic", "image/heic",
            "heif", "image/heif");

    private final ObjectMapper mapper;

    GeminiMedia(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode image(String url) {
        if (url.startsWith("data:")) {
            return inline(url);
        }
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("image_url must be a data URL or an http(s) URL");
        }
        String mimeType = IMAGE_TYPES.get(extension(url));
        if (mimeType == null) {
            throw refused("gemini needs the type of a linked image, and " + url + " does not end in .png, .jpg, "
                    + ".jpeg, .webp, .heic or .heif; send the image as a data URL instead");
        }
        ObjectNode part = mapper.createObjectNode();
        part.putObject("fileData").put("mimeType", mimeType).put("fileUri", url);
        return part;
    }

    /** A part from a {@code data:<type>;base64,<data>} URL. */
    ObjectNode inline(String dataUrl) {
        int comma = dataUrl.indexOf(',');
        String header = comma < 0 ? "" : dataUrl.substring("data:".length(), comma);
        if (comma < 0 || !header.toLowerCase(Locale.ROOT).endsWith(";base64") || header.indexOf('/') < 0) {
            throw refused("a data URL must have the form data:<type>;base64,<data>");
        }
        return inline(header.substring(0, header.indexOf(';')), dataUrl.substring(comma + 1));
    }

    ObjectNode inline(String mimeType, String base64) {
        ObjectNode part = mapper.createObjectNode();
        part.putObject("inlineData").put("mimeType", mimeType).put("data", base64);
        return part;
    }

    private static String extension(String url) {
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            throw refused("image_url is not a valid URL");
        }
        int dot = path == null ? -1 : path.lastIndexOf('.');
        return dot < 0 || dot < path.lastIndexOf('/') ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static ProviderException refused(String message) {
        return new ProviderException(ErrorClass.BAD_REQUEST, message);
    }
}
