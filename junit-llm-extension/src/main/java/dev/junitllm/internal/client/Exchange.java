package dev.junitllm.internal.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.CallRole;
import dev.junitllm.ModelId;
import java.util.Objects;

/**
 * One provider HTTP call in wire form: the unit that is sent, recorded, keyed and replayed.
 *
 * @param model the model as the test named it
 * @param role model under test or judge
 * @param path the path under the provider's base URL, e.g. {@code /chat/completions}, {@code /v1/messages}
 * @param body the exact JSON body the provider receives
 * @param streaming whether the answer is a server-sent event stream
 */
public record Exchange(ModelId model, CallRole role, String path, ObjectNode body, boolean streaming) {
    public Exchange {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
    }
}
