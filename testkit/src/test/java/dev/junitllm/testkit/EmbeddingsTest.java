package dev.junitllm.testkit;

import static dev.junitllm.testkit.Http.json;
import static dev.junitllm.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddingsTest {

    private final ScriptedLlmServer server = ScriptedLlmServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    private HttpResponse<String> embed(String body) {
        return post(server.openAiBaseUrl() + "/embeddings", body);
    }

    @Test
    void answersInTheEmbeddingsShapeWithNormalisedVectors() {
        HttpResponse<String> response =
                embed("{\"model\":\"text-embedding-3-small\",\"input\":[\"refund window\",\"shipping times\"]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-request-id")).hasValue("req_scripted_1");
        JsonNode body = json(response);
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("model").asText()).isEqualTo("text-embedding-3-small-scripted");
        assertThat(body.path("data")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode item = body.path("data").get(i);
            assertThat(item.path("object").asText()).isEqualTo("embedding");
            assertThat(item.path("index").asInt()).isEqualTo(i);
            assertThat(item.path("embedding")).hasSize(64);
            assertThat(norm(vector(item.path("embedding")))).isCloseTo(1.0, within(1e-5));
        }
        // 4 words -> ceil(5.2) = 6
        assertThat(body.path("usage")).isEqualTo(json("{\"prompt_tokens\":6,\"total_tokens\":6}"));
    }

    @Test
    void vectorsAreDeterministicAndReflectWordOverlap() {
        double[] a = first(embed("{\"model\":\"m\",\"input\":\"How long is the refund window?\"}"));
        double[] again = first(embed("{\"model\":\"m\",\"input\":\"How long is the refund window?\"}"));
        double[] close = first(embed("{\"model\":\"m\",\"input\":\"how long is the REFUND window\"}"));
        double[] related = first(embed("{\"model\":\"m\",\"input\":\"The refund window is long\"}"));
        double[] unrelated = first(embed("{\"model\":\"m\",\"input\":\"Penguins swim quickly underwater\"}"));

        assertThat(a).isEqualTo(again);
        assertThat(cosine(a, close)).isCloseTo(1.0, within(1e-6));
        assertThat(cosine(a, related)).isGreaterThan(cosine(a, unrelated));
    }

    @Test
    void honoursDimensionsAndBase64Encoding() {
        JsonNode floats = json(embed("{\"model\":\"m\",\"input\":\"hello world\",\"dimensions\":16}"));
        JsonNode base64 = json(
                embed("{\"model\":\"m\",\"input\":\"hello world\",\"dimensions\":16,\"encoding_format\":\"base64\"}"));

        double[] expected = vector(floats.path("data").get(0).path("embedding"));
        assertThat(expected).hasSize(16);
        float[] decoded =
                Base64Floats.decode(base64.path("data").get(0).path("embedding").asText());
        assertThat(decoded).hasSize(16);
        for (int i = 0; i < 16; i++) {
            assertThat((double) decoded[i]).isCloseTo(expected[i], within(1e-6));
        }
    }

    @Test
    void emptyTextGetsAUnitVectorNotZeros() {
        double[] empty = first(embed("{\"model\":\"m\",\"input\":\"\"}"));
        assertThat(norm(empty)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void badInputIs400() {
        assertThat(embed("{\"model\":\"m\",\"input\":[1,2,3]}").statusCode()).isEqualTo(400);
        assertThat(json(embed("{\"model\":\"m\"}")).path("error").path("param").asText())
                .isEqualTo("input");
        assertThat(embed("{\"model\":\"m\",\"input\":\"x\",\"dimensions\":0}").statusCode())
                .isEqualTo(400);
        assertThat(embed("{\"model\":\"m\",\"input\":\"x\",\"encoding_format\":\"int8\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(embed("{\"input\":\"x\"}").statusCode()).isEqualTo(400);
    }

    private static double[] first(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return vector(json(response).path("data").get(0).path("embedding"));
    }

    private static double[] vector(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }

    private static double norm(double[] v) {
        return Math.sqrt(cosineDot(v, v));
    }

    private static double cosine(double[] a, double[] b) {
        return cosineDot(a, b) / (norm(a) * norm(b));
    }

    private static double cosineDot(double[] a, double[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
