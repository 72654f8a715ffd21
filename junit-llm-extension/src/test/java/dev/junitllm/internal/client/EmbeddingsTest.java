package dev.junitllm.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitllm.LlmException;
import dev.junitllm.internal.cost.PriceTable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddingsTest {

    @RegisterExtension
    final Fixture f = new Fixture();

    @BeforeEach
    void start() throws Exception {
        f.prices = PriceTable.parse(
                "{\"date\":\"2026-07-01\",\"models\":{\"text-embedding-3-small\":{\"input\":0.02,\"output\":0}}}",
                "test prices");
    }

    @Test
    void oneTextIsSentAsAStringAndItsVectorComesBack() throws Exception {
        f.enqueueJson("""
                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0023064255,-0.009327292,0.015797347]}],
                 "model":"text-embedding-3-small","usage":{"prompt_tokens":5,"total_tokens":5}}
                """);

        List<float[]> vectors = f.client("openai:text-embedding-3-small").embed("The food was delicious");

        RecordedRequest r = f.server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/embeddings");
        assertThat(Fixture.body(r))
                .isEqualTo(Fixture.json("{\"model\":\"text-embedding-3-small\",\"input\":\"The food was delicious\"}"));
        assertThat(vectors)
                .singleElement()
                .satisfies(v -> assertThat(v).containsExactly(0.0023064255f, -0.009327292f, 0.015797347f));
        assertThat(f.calls).singleElement().satisfies(c -> {
            assertThat(c.usage().inputTokens()).isEqualTo(5);
            assertThat(c.costUsd()).isCloseTo(5 * 0.02 / 1e6, within(1e-15));
            assertThat(c.response()).isEqualTo("1 embeddings of 3 dimensions");
            assertThat(c.startedAt()).isNotNull();
            assertThat(c.finishReason()).isNull(); // embeddings have none
        });
    }

    @Test
    void severalTextsGoAsAListAndComeBackInInputOrder() throws Exception {
        f.enqueueJson("""
                {"object":"list","data":[
                  {"object":"embedding","index":1,"embedding":[0.0,1.0]},
                  {"object":"embedding","index":0,"embedding":[1.0,0.0]}
                 ],"model":"text-embedding-3-small","usage":{"prompt_tokens":4,"total_tokens":4}}
                """);

        List<float[]> vectors = f.client("openai:text-embedding-3-small").embed("first", "second");

        assertThat(Fixture.body(f.server.takeRequest(5, TimeUnit.SECONDS)).path("input"))
                .isEqualTo(Fixture.json("[\"first\",\"second\"]"));
        assertThat(vectors.get(0)).containsExactly(1.0f, 0.0f);
        assertThat(vectors.get(1)).containsExactly(0.0f, 1.0f);
    }

    @Test
    void aMissingVectorIsAnError() {
        f.enqueueJson("""
                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[1.0]}],
                 "model":"text-embedding-3-small","usage":{"prompt_tokens":4,"total_tokens":4}}
                """);

        assertThatThrownBy(() -> f.client("openai:text-embedding-3-small").embed("a", "b"))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("1 vectors for 2 inputs");
    }

    @Test
    void ollamaEmbeddingsUseTheOllamaBaseUrl() throws Exception {
        f.enqueueJson("""
                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5]}],
                 "model":"nomic-embed-text","usage":{"prompt_tokens":2,"total_tokens":2}}
                """);

        f.client("ollama:nomic-embed-text").embed("hi");

        assertThat(f.server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath())
                .isEqualTo("/ollama/v1/embeddings");
    }
}
