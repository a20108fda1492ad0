package dev.switchboard.k8s;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds fields the Kubernetes model does not know, which fabric8 keeps aside instead of failing on. */
final class UnknownFields {

    private UnknownFields() {
    }

    static List<String> in(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, "", found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", found);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, found));
        } else if (value != null && value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        visit(value, field, path, found);
                    }
                }
            }
        }
    }

    private static void visit(Object owner, Field field, String path, List<String> found) {
        try {
            field.setAccessible(true);
            Object value = field.get(owner);
            if (field.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
                extra.keySet().forEach(key -> found.add(path + "." + key));
            } else {
                walk(value, path + "." + field.getName(), found);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
