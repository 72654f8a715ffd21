package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmTest;
import dev.junitllm.ModelId;
import dev.junitllm.Models;
import dev.junitllm.internal.client.ModelEndpoints;
import dev.junitllm.testkit.ScriptedLlmServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two models of one wire format on two deployments, in one matrix, configured per model. */
class PerModelEndpointTest {

    static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();

    @TempDir
    Path tmp;

    static class TwoDeployments {
        @LlmTest
        @Models({"openai:gpt-4o-mini", "openai:qwen2.5-7b"})
        void answers(LlmClient llm) {
            ANSWERS.put(
                    llm.modelId(), llm.chat("How long is the refund window?").text());
        }
    }

    @Test
    void eachModelIsRecordedFromItsOwnBaseUrlWithItsOwnKey() {
        ANSWERS.clear();
        try (ScriptedLlmServer openai = ScriptedLlmServer.start();
                ScriptedLlmServer vllm = ScriptedLlmServer.start()) {
            openai.whenAnyRequest().reply("30 days (openai).");
            vllm.whenAnyRequest().reply("30 days (vllm).");
            ModelId qwen = ModelId.parse("openai:qwen2.5-7b");

            new EngineRuns(tmp)
                    .run(
                            TwoDeployments.class,
                            LlmConfiguration.MODE,
                            "record",
                            LlmConfiguration.OPENAI_BASE_URL,
                            openai.openAiBaseUrl(),
                            ModelEndpoints.baseUrlKey(qwen),
                            vllm.openAiBaseUrl() + "/",
                            ModelEndpoints.apiKeyEnvKey(qwen),
                            "ANTHROPIC_API_KEY")
                    .testEvents()
                    .assertStatistics(s -> s.started(2).succeeded(2));

            assertThat(ANSWERS)
                    .containsEntry("openai:gpt-4o-mini", "30 days (openai).")
                    .containsEntry("openai:qwen2.5-7b", "30 days (vllm).");
            assertThat(openai.requests()).hasSize(1);
            assertThat(vllm.requests()).hasSize(1);
            assertThat(openai.requests().get(0).header("Authorization").orElseThrow())
                    .isEqualTo("Bearer " + System.getenv("OPENAI_API_KEY"));
            // the per-model key comes from the variable the model names (surefire sets this one)
            assertThat(vllm.requests().get(0).header("Authorization").orElseThrow())
                    .isEqualTo("Bearer " + System.getenv("ANTHROPIC_API_KEY"));
            assertThat(List.of(System.getenv("OPENAI_API_KEY"), System.getenv("ANTHROPIC_API_KEY")))
                    .doesNotContainNull()
                    .doesNotHaveDuplicates();
        }
    }
}
