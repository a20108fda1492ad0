package dev.switchboard.telemetry.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How every insight writes its figures: rounded ratios, USD to the micro-dollar, and sentences in one locale. */
final class InsightFigures {

    private InsightFigures() {
    }

    static Map<String, Object> numbers(Object... keysAndValues) {
        Map<String, Object> numbers = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            numbers.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return numbers;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static BigDecimal usd(BigDecimal value) {
        return value.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
