package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A function the model may call, described by a JSON schema of its parameters.
 *
 * <pre>{@code
 * Tool lookup = Tool.of("lookup_order", "Finds an order by id", """
 *     {"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}""");
 * }</pre>
 *
 * @param name the function name ({@code [A-Za-z0-9_-]}, at most 64 characters)
 * @param description what the function does, for the model
 * @param parameters a JSON schema object
 */
@API(status = STABLE)
public record Tool(String name, String description, JsonNode parameters) {
    public Tool {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(
                    "tool name [" + name + "] must match [A-Za-z0-9_-]{1,64} (the providers' rule)");
        }
        Objects.requireNonNull(parameters, "parameters");
        description = description == null ? "" : description;
    }

    public static Tool of(String name, String description, JsonNode parameters) {
        return new Tool(name, description, parameters);
    }

    /**
     * A tool whose parameters schema is given as JSON text.
     *
     * @throws IllegalArgumentException when {@code parametersJson} is not a JSON object
     */
    public static Tool of(String name, String description, String parametersJson) {
        JsonNode schema;
        try {
            schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(parametersJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "parameters of tool [" + name + "] are not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (schema == null || !schema.isObject()) {
            throw new IllegalArgumentException("parameters of tool [" + name + "] must be a JSON schema object");
        }
        return new Tool(name, description, schema);
    }
}
