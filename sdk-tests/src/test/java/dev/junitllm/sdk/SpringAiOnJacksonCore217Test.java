package dev.junitllm.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.json.PackageVersion;
import com.sun.net.httpserver.HttpServer;
import dev.junitllm.LlmProxy;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Spring AI streaming with jackson-core 2.17 under our jackson-databind 2.20, as Spring AI's users get
 * it (its own Surefire execution sets that class path). Our proxy used to fail here with {@code
 * NoSuchMethodError} in {@code OpenAiChatAdapter$Assembler.finish} and the call vanished from the
 * results. The provider is a canned server without Jackson, because the scripted server's own JSON
 * handling needs a jackson-core as new as databind.
 */
class SpringAiOnJacksonCore217Test {
    private static final String COMPLETION = "{\"id\":\"c0\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Refunds within 30 days.\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":5,\"total_tokens\":14}}";
    private static final String STREAM = chunk("{\"role\":\"assistant\",\"content\":\"Streamed \"}", "null")
            + chunk("{\"content\":\"answer\"}", "\"stop\"")
            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":2,\"total_tokens\":10}}\n\n"
            + "data: [DONE]\n\n";

    @TempDir
    Path dir;

    private static String chunk(String delta, String finish) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                + "\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}\n\n";
    }

    static class Fixture {
        @LlmTest
        @Model("openai:gpt-4o-mini")
        void chatAndStream(LlmProxy proxy) {
            var model = SpringAiProxyTest.model(proxy, OpenAiChatOptions.builder());
            assertThat(model.call("What is the refund window?")).isEqualTo("Refunds within 30 days.");
            assertThat(SpringAiProxyTest.streamed(model, "Stream the answer")).isEqualTo("Streamed answer");
        }
    }

    @Test
    void streamsAndRecordsOnSpringAisJacksonCore() throws Exception {
        assumeTrue(
                System.getProperty("sdk.jackson-core") != null,
                "runs in the Surefire execution spring-ai-on-its-jackson-core");
        assertThat(PackageVersion.VERSION.getMinorVersion())
                .as("this execution runs on jackson-core 2.17")
                .isEqualTo(17);
        HttpServer provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        provider.createContext("/", http -> {
            String body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean stream = body.contains("\"stream\":true");
            byte[] answer = (stream ? STREAM : COMPLETION).getBytes(StandardCharsets.UTF_8);
            http.getResponseHeaders().set("Content-Type", stream ? "text/event-stream" : "application/json");
            http.sendResponseHeaders(200, answer.length);
            try (OutputStream out = http.getResponseBody()) {
                out.write(answer);
            }
        });
        provider.start();
        String base = "http://127.0.0.1:" + provider.getAddress().getPort();
        try {
            SdkRuns.assertPassed(SdkRuns.run(Fixture.class, dir, "record", base + "/v1", base), 1);
        } finally {
            provider.stop(0);
        }
        assertThat(SdkRuns.calls(SdkRuns.results(dir, "record"))).hasSize(2).anySatisfy(c -> {
            assertThat(c.get("response").asText()).isEqualTo("Streamed answer");
            assertThat(c.get("tokens").get("output").asInt()).isEqualTo(2);
        });

        SdkRuns.assertPassed(SdkRuns.replay(Fixture.class, dir), 1);
        assertThat(SdkRuns.calls(SdkRuns.results(dir, "replay"))).hasSize(2);
    }
}
