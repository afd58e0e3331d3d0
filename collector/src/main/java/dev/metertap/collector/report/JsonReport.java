package dev.metertap.collector.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.temporal.TemporalAccessor;

/** The report as one JSON document: every figure, unknown ones as null, times as ISO-8601 text. */
public final class JsonReport {

    private JsonReport() {
    }

    public static void write(Report report, Writer out) {
        try {
            mapper().writeValue(out, report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON report: " + e.getMessage(), e);
        }
    }

    static ObjectMapper mapper() {
        SimpleModule module = new SimpleModule();
        // NaN is not JSON: an unknown figure is null
        module.addSerializer(Double.class, new StdSerializer<>(Double.class) {
            @Override
            public void serialize(Double value, JsonGenerator gen, com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
                if (value.isNaN() || value.isInfinite()) {
                    gen.writeNull();
                } else {
                    gen.writeNumber(value);
                }
            }
        });
        module.addSerializer(double.class, new StdSerializer<>(double.class) {
            @Override
            public void serialize(Double value, JsonGenerator gen, com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
                if (value.isNaN() || value.isInfinite()) {
                    gen.writeNull();
                } else {
                    gen.writeNumber(value);
                }
            }
        });
        // java.time without the jsr310 module: their ISO text
        module.addSerializer(TemporalAccessor.class, new StdSerializer<>(TemporalAccessor.class) {
            @Override
            public void serialize(TemporalAccessor value, JsonGenerator gen, com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        module.addSerializer(java.time.ZoneId.class, new StdSerializer<>(java.time.ZoneId.class) {
            @Override
            public void serialize(java.time.ZoneId value, JsonGenerator gen, com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
                gen.writeString(value.getId());
            }
        });
        return new ObjectMapper().registerModule(module)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }
}
