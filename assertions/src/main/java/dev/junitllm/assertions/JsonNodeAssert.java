package dev.junitllm.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.assertions.internal.structure.Json;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractBooleanAssert;
import org.assertj.core.api.AbstractDoubleAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * Assertions on a value inside a JSON answer, reached with {@link
 * AbstractLlmResponseAssert#jsonAt(String)}; converts to AssertJ's standard asserts for the rest.
 *
 * <pre>{@code
 * assertThat(response).jsonAt("/order/status").asText().isEqualTo("shipped");
 * assertThat(response).jsonAt("/order/items").asArray().hasSize(2);
 * assertThat(response).jsonAt("/order/total").asNumber().isBetween(10.0, 20.0);
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public class JsonNodeAssert extends AbstractAssert<JsonNodeAssert, JsonNode> {

    /**
     * Creates the assert; public for soft-assertion proxies.
     *
     * <pre>{@code
     * new JsonNodeAssert(node).asText().isEqualTo("shipped");
     * }</pre>
     */
    public JsonNodeAssert(JsonNode actual) {
        super(actual, JsonNodeAssert.class);
    }

    /**
     * The value is a JSON string; returns an assert on it.
     *
     * <pre>{@code
     * // passes for {"status":"shipped"}
     * assertThat(response).jsonAt("/status").asText().isEqualTo("shipped");
     * // fails for {"status":3}: Expecting a JSON string but was the number 3
     * }</pre>
     */
    public AbstractStringAssert<?> asText() {
        requireType(actual.isTextual(), "a JSON string");
        return Assertions.assertThat(actual.asText()).as(descriptionText());
    }

    /**
     * The value is a JSON number; returns an assert on it as a double.
     *
     * <pre>{@code
     * assertThat(response).jsonAt("/total").asNumber().isGreaterThan(40.0);
     * }</pre>
     */
    public AbstractDoubleAssert<?> asNumber() {
        requireType(actual.isNumber(), "a JSON number");
        return Assertions.assertThat(actual.asDouble()).as(descriptionText());
    }

    /**
     * The value is a JSON boolean; returns an assert on it.
     *
     * <pre>{@code
     * assertThat(response).jsonAt("/escalate").asBoolean().isFalse();
     * }</pre>
     */
    public AbstractBooleanAssert<?> asBoolean() {
        requireType(actual.isBoolean(), "a JSON boolean");
        return Assertions.assertThat(actual.asBoolean()).as(descriptionText());
    }

    /**
     * The value is a JSON array; returns a list assert on its elements.
     *
     * <pre>{@code
     * assertThat(response).jsonAt("/items").asArray().hasSize(2);
     * }</pre>
     */
    public ListAssert<JsonNode> asArray() {
        requireType(actual.isArray(), "a JSON array");
        List<JsonNode> elements = new ArrayList<>();
        actual.forEach(elements::add);
        return Assertions.assertThat(elements).as(descriptionText());
    }

    /**
     * The value equals the JSON {@code expected} (parsed; key order and whitespace ignored).
     *
     * <pre>{@code
     * assertThat(response).jsonAt("/order").isEqualToJson("{\"id\":\"A-1\",\"status\":\"shipped\"}");
     * }</pre>
     */
    public JsonNodeAssert isEqualToJson(String expected) {
        isNotNull();
        JsonNode wanted = Json.parseSchema(expected);
        if (!actual.equals(wanted)) {
            throw failureWithActualExpected(
                    actual.toPrettyString(),
                    wanted.toPrettyString(),
                    "%nExpecting JSON:%n  %s%nto be equal to:%n  %s%n",
                    actual,
                    wanted);
        }
        return myself;
    }

    /**
     * Navigates further, by a pointer relative to this value.
     *
     * <pre>{@code
     * assertThat(response).jsonAt("/order").at("/items/0/sku").asText().isEqualTo("SKU-1");
     * }</pre>
     */
    public JsonNodeAssert at(String pointer) {
        isNotNull();
        JsonNode node = actual.at(pointer);
        if (node.isMissingNode()) {
            failWithMessage(
                    "%nExpecting JSON:%n  %s%nto have a value at JSON pointer %s but there is none%n", actual, pointer);
        }
        return new JsonNodeAssert(node).as("%s%s", descriptionText(), pointer);
    }

    private void requireType(boolean ok, String type) {
        isNotNull();
        if (!ok) {
            failWithMessage(
                    "%nExpecting %s but was the %s %s%n",
                    type, actual.getNodeType().name().toLowerCase(java.util.Locale.ROOT), actual);
        }
    }
}
