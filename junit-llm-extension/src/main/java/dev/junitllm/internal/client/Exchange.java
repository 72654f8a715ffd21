package dev.junitllm.internal.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.CallRole;
import dev.junitllm.ModelId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One provider HTTP call in wire form: the unit that is sent, recorded, keyed and replayed.
 *
 * @param model the model as the test named it
 * @param role model under test or judge
 * @param path the path under the provider's base URL, e.g. {@code /chat/completions}, {@code /v1/messages}
 * @param body the exact JSON body the provider receives
 * @param streaming whether the answer is a server-sent event stream
 * @param headers what an SDK sent through the {@link dev.junitllm.LlmProxy} (names in lower case), to be
 *     forwarded in record and live modes; empty for our own clients. Never part of a recording or its
 *     key, never written anywhere, and left out of {@link #toString()} (it holds the SDK's key).
 */
public record Exchange(
        ModelId model,
        CallRole role,
        String path,
        ObjectNode body,
        boolean streaming,
        Map<String, List<String>> headers) {
    public Exchange {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        Map<String, List<String>> lower = new TreeMap<>();
        if (headers != null) {
            headers.forEach(
                    (name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                            .addAll(values));
        }
        lower.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(lower);
    }

    /** An exchange of our own clients: no forwarded headers. */
    public Exchange(ModelId model, CallRole role, String path, ObjectNode body, boolean streaming) {
        this(model, role, path, body, streaming, Map.of());
    }

    @Override
    public String toString() {
        return "Exchange[" + model + " " + path + (streaming ? " (stream)" : "") + ", " + role
                + (headers.isEmpty() ? "" : ", headers " + headers.keySet()) + "]";
    }
}
