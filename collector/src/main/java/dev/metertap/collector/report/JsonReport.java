package dev.metertap.collector.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

/**
 * The report as one JSON document: every figure, unknown ones as null, times as ISO-8601 text. Each figure
 * is written to the resolution of its unit (named at the end of its name), the finest the sources give, so
 * that a sum of PG&E intervals reads 15.7517, not 15.751699999999998.
 */
public final class JsonReport {

    /** A figure whose name says no unit: enough digits for any measurement, none of a double's noise. */
    static final int SIGNIFICANT_DIGITS = 12;

    private JsonReport() {
    }

    public static void write(Report report, Writer out) {
        try {
            mapper().writeValue(out, report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON report: " + e.getMessage(), e);
        }
    }

    /**
     * Decimals for a figure by its unit: cost to 1/100000 of the currency (PG&E's resolution), percent to 0.01,
     * watts to 0.1 W (as the stored nightly series), kWh to 1 mWh (PG&E's multiplier -3 on Wh), kW to 1 W
     * (the EMU-2's demand); -1 when the name says no unit.
     */
    static int decimals(String figure) {
        String name = figure.toLowerCase(Locale.ROOT);
        if (name.contains("cost")) {
            return 5;
        }
        if (name.contains("percent")) {
            return 2;
        }
        if (name.contains("watts")) {
            return 1;
        }
        if (name.contains("kwh")) {
            return 6;
        }
        return name.startsWith("kw") || name.endsWith("kw") ? 3 : -1;
    }

    static ObjectMapper mapper() {
        SimpleModule module = new SimpleModule();
        module.addSerializer(Double.class, new Figure(-1));
        module.addSerializer(double.class, new Figure(-1));
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                                                             List<BeanPropertyWriter> properties) {
                for (BeanPropertyWriter property : properties) {
                    Class<?> type = property.getType().getRawClass();
                    if (type == double.class || type == Double.class) {
                        property.assignSerializer(new Figure(decimals(property.getName())));
                    }
                }
                return properties;
            }
        });
        // java.time without the jsr310 module: their ISO text
        module.addSerializer(TemporalAccessor.class, new StdSerializer<>(TemporalAccessor.class) {
            @Override
            public void serialize(TemporalAccessor value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        module.addSerializer(java.time.ZoneId.class, new StdSerializer<>(java.time.ZoneId.class) {
            @Override
            public void serialize(java.time.ZoneId value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.getId());
            }
        });
        return new ObjectMapper().registerModule(module)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    /** A double rounded half up to {@code decimals} (or {@link #SIGNIFICANT_DIGITS} when negative); NaN is not JSON: null. */
    private static final class Figure extends StdSerializer<Object> {
        private final int decimals;

        Figure(int decimals) {
            super(Object.class);
            this.decimals = decimals;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            double v = ((Number) value).doubleValue();
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                gen.writeNull();
                return;
            }
            BigDecimal exact = BigDecimal.valueOf(v);
            BigDecimal rounded = decimals < 0 ? exact.round(new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_UP))
                    : exact.setScale(decimals, RoundingMode.HALF_UP);
            gen.writeNumber(rounded.signum() == 0 ? BigDecimal.ZERO : rounded.stripTrailingZeros());
        }
    }
}
