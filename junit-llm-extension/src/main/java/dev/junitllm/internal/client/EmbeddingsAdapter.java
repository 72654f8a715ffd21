package dev.junitllm.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.CallRole;
import dev.junitllm.LlmException;
import dev.junitllm.ModelId;
import dev.junitllm.Usage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** OpenAI embeddings ({@code POST {base}/embeddings}), also served by Ollama and other compatible servers. */
final class EmbeddingsAdapter {

    static final String PATH = "/embeddings";

    private EmbeddingsAdapter() {}

    /** One text goes as a string, several as a list, as the API documents both. */
    static Exchange exchange(ModelId model, CallRole role, List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("embed needs at least one text");
        }
        ObjectNode body = Json.object().put("model", model.model());
        if (texts.size() == 1) {
            body.put("input", texts.get(0));
        } else {
            ArrayNode input = body.putArray("input");
            texts.forEach(input::add);
        }
        return new Exchange(model, role, PATH, body, false);
    }

    /** The vectors in input order ({@code data[].index}); their count must match the inputs. */
    static List<float[]> vectors(JsonNode body, int expected) {
        JsonNode data = body.path("data");
        float[][] out = new float[expected][];
        for (JsonNode item : data) {
            int index = item.path("index").asInt(-1);
            JsonNode embedding = item.path("embedding");
            if (index < 0 || index >= expected || !embedding.isArray()) {
                throw new LlmException("The embeddings response has an item with index " + index + " for "
                        + expected + " inputs, or without an embedding array: "
                        + ProviderErrors.abbreviate(item.toString(), 200));
            }
            float[] v = new float[embedding.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) embedding.get(i).asDouble();
            }
            out[index] = v;
        }
        List<float[]> result = new ArrayList<>(Arrays.asList(out));
        if (result.contains(null)) {
            throw new LlmException("The embeddings response has " + data.size() + " vectors for " + expected
                    + " inputs (is encoding_format base64 set? only float lists are read)");
        }
        return result;
    }

    static Usage usage(JsonNode body) {
        return Usage.of(Math.max(0, body.path("usage").path("prompt_tokens").asLong(0)), 0);
    }
}
