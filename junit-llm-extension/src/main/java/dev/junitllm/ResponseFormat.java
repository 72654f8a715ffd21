package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Structured output: ask the model for JSON, optionally matching a schema.
 *
 * <p>OpenAI receives {@code response_format}; Anthropic has no such field, so its adapter asks for
 * the schema through a forced tool call and returns the tool input as the text.
 *
 * <pre>{@code
 * LlmRequest.builder().user("Classify: ...")
 *     .responseFormat(ResponseFormat.jsonSchema("ticket", schema))
 *     .build();
 * }</pre>
 *
 * @param type {@code json_object} or {@code json_schema}
 * @param name the schema's name ({@code [A-Za-z0-9_-]}, at most 64 characters), for {@code json_schema}
 * @param schema the JSON schema, for {@code json_schema}
 * @param strict whether the provider must follow the schema exactly
 */
@API(status = STABLE)
public record ResponseFormat(String type, String name, JsonNode schema, boolean strict) {

    public ResponseFormat {
        Objects.requireNonNull(type, "type");
        if (type.equals("json_schema")) {
            Objects.requireNonNull(schema, "schema");
            if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("json_schema name [" + name + "] must match [A-Za-z0-9_-]{1,64}");
            }
        } else if (!type.equals("json_object")) {
            throw new IllegalArgumentException("response format type must be json_object or json_schema: " + type);
        }
    }

    /** Any valid JSON object. */
    public static ResponseFormat jsonObject() {
        return new ResponseFormat("json_object", null, null, false);
    }

    /** JSON that follows {@code schema}, strictly. */
    public static ResponseFormat jsonSchema(String name, JsonNode schema) {
        return new ResponseFormat("json_schema", name, schema, true);
    }
}
