package dev.switchboard.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.Function;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Converts query and path parameters of the scalar types strictly, refusing with a 400 that names the parameter:
 * JAX-RS reads "available=maybe" as false ({@code Boolean.valueOf}) and answers "page=abc" with a 404.
 */
@Provider
public class StrictParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = nameOf(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) new Strict<>(name, "true or false", StrictParameters::bool);
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) new Strict<>(name, "an integer", Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) new Strict<>(name, "an integer", Long::valueOf);
        }
        if (rawType == BigDecimal.class) {
            return (ParamConverter<T>) new Strict<>(name, "a decimal number", StrictParameters::decimal);
        }
        return null;
    }

    private static String nameOf(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof PathParam path) {
                return path.value();
            }
        }
        return null;
    }

    private static Boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(value);
        };
    }

    /** A plain decimal: "1e999999" would be a number of a million digits to every later computation. */
    private static BigDecimal decimal(String value) {
        BigDecimal decimal = new BigDecimal(value);
        if (Math.abs(decimal.scale()) > 64 || decimal.precision() > 64) {
            throw new IllegalArgumentException(value);
        }
        return decimal;
    }

    /** One parameter's converter; a value it cannot read is the caller's 400, with the parameter named. */
    private record Strict<T>(String name, String expected, Function<String, T> parse) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value.trim());
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new ApiException(400, "Invalid value for '" + name + "': expected " + expected + ", not '" + value
                        + "'.", name, "invalid_parameter");
            }
        }

        @Override
        public String toString(T value) {
            return String.valueOf(value);
        }
    }
}
