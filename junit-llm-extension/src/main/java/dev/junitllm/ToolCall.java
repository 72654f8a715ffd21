package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A tool (function) call the model asked for.
 *
 * <pre>{@code
 * ToolCall call = response.toolCalls().get(0);
 * assertThat(call.name()).isEqualTo("lookup_order");
 * assertThat(call.arguments().path("order_id").asText()).isEqualTo("A-1001");
 * }</pre>
 *
 * @param id the provider's id for the call, echoed back with the tool result
 * @param name the function name
 * @param arguments the arguments as parsed JSON (OpenAI sends them as a JSON string, Anthropic as
 *     an object; both end up here as an object)
 */
@API(status = STABLE)
public record ToolCall(String id, String name, JsonNode arguments) {
    public ToolCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }
}
