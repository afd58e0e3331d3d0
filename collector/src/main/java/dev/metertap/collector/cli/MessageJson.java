package dev.metertap.collector.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metertap.collector.emu2.wire.CurrencyCode;
import dev.metertap.collector.emu2.wire.CurrentSummationDelivered;
import dev.metertap.collector.emu2.wire.Emu2LocalTime;
import dev.metertap.collector.emu2.wire.Emu2Message;
import dev.metertap.collector.emu2.wire.Emu2Time;
import dev.metertap.collector.emu2.wire.InstantaneousDemand;
import dev.metertap.collector.emu2.wire.MacId;
import dev.metertap.collector.emu2.wire.PriceCluster;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A decoded message as one line of JSON: {@code type}, then the record's fields (MAC ids as
 * {@code 0x…} strings, device times as ISO instants or null when absent, exact decimals), then
 * the derived quantities ({@code kw}, {@code delivered_kwh}, {@code price_per_kwh}).
 */
final class MessageJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private MessageJson() {
    }

    static String toJson(Emu2Message message) {
        ObjectNode node = NODES.objectNode();
        node.put("type", message.rootName());
        fields(node, (Record) message);  // every message is a record
        if (message instanceof InstantaneousDemand demand) {
            node.put("kw", demand.kilowatts());
        } else if (message instanceof CurrentSummationDelivered summation) {
            node.put("delivered_kwh", summation.deliveredKwh());
            node.put("received_kwh", summation.receivedKwh());
        } else if (message instanceof PriceCluster price) {
            price.pricePerKwh().ifPresent(value -> node.put("price_per_kwh", value));
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message.rootName() + " as JSON", e);
        }
    }

    private static void fields(ObjectNode node, Record record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = read(component, record);
            if (value instanceof Optional<?> optional) {
                if (optional.isEmpty()) {
                    continue;
                }
                value = optional.get();
            }
            node.set(component.getName(), toNode(value));
        }
    }

    private static JsonNode toNode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof MacId || value instanceof CurrencyCode) {
            return NODES.textNode(value.toString());
        }
        if (value instanceof Emu2Time time) {
            return time.instant().<JsonNode>map(at -> NODES.textNode(at.toString())).orElse(NODES.nullNode());
        }
        if (value instanceof Emu2LocalTime local) {
            return local.wallClock().<JsonNode>map(at -> NODES.textNode(at.toString())).orElse(NODES.nullNode());
        }
        if (value instanceof Duration duration) {
            return NODES.numberNode(duration.toSeconds());
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(toNode(item)));
            return array;
        }
        if (value instanceof Record nested) {
            ObjectNode object = NODES.objectNode();
            fields(object, nested);
            return object;
        }
        return NODES.textNode(value.toString());
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
