package dev.switchboard.telemetry.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** Number formats for the dashboard template: {@code {value.percent}}, {@code {value.usd}} and {@code {value.ms}}. */
@TemplateExtension
public class TemplateFormats {

    private TemplateFormats() {
    }

    static String percent(Double ratio) {
        return ratio == null ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
    }

    static String usd(BigDecimal amount) {
        return amount == null ? "–" : amount.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    static String ms(Double millis) {
        return millis == null ? "–" : String.format(Locale.ROOT, "%.0f ms", millis);
    }
}
