package dev.junitllm.assertions.internal.structure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.junitllm.LlmResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Strict JSON parsing and cached JSON-schema validation. */
public final class Json {
    /** Strict: duplicate keys and trailing content are errors, so an answer cannot say two things at once. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<JsonNode, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private Json() {}

    /** Parses {@code text}, accepting one surrounding Markdown code fence. */
    public static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(LlmResponse.stripCodeFence(text));
    }

    public static JsonNode parseSchema(String schema) {
        try {
            return MAPPER.readTree(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the JSON schema is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Schema violations of {@code instance}, as {@code location: message} lines; empty when valid. */
    public static List<String> validate(JsonNode schema, JsonNode instance) {
        Schema compiled = SCHEMAS.computeIfAbsent(schema, REGISTRY::getSchema);
        List<Error> errors = compiled.validate(instance);
        return errors.stream().map(Error::toString).toList();
    }
}
