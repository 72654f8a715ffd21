package dev.junitllm.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.testkit.ScriptedLlmServer;
import dev.junitllm.testkit.ScriptedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs a fixture class through the JUnit Platform as a user's build would: in record mode against a
 * {@link ScriptedLlmServer} on 127.0.0.1, or in replay mode with no server at all.
 */
final class SdkRuns {
    /**
     * The key the SDKs are given: it must reach the provider in record mode and no file ever. Fake, and
     * built at run time so no key-shaped literal sits in the source.
     */
    static final String SDK_KEY = "sk" + "-" + "sdk-fixture-key-0123456789abcdefXYZ";

    private SdkRuns() {}

    /** The four calls every fixture makes: chat, stream, tools and JSON output. */
    static void script(ScriptedLlmServer server) {
        server.whenUserContains("refund window").reply("Refunds within 30 days.");
        server.whenUserContains("Stream the answer").reply("Streamed answer here");
        server.whenUserContains("my order").replyWithToolCall("get_order", "{\"id\":\"42\"}");
        server.whenUserContains("in JSON").replyJson("{\"days\":30}");
    }

    /**
     * Records the fixture's four calls against a scripted server, checks what each request carried
     * upstream, and returns the run's results.
     */
    static JsonNode recordFourCalls(Class<?> fixture, Path dir, Consumer<ScriptedRequest> eachRequest) {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            script(server);
            assertPassed(record(fixture, server, dir), 1);
            assertThat(server.requestCount()).isEqualTo(4);
            assertThat(server.requests()).allSatisfy(eachRequest::accept);
        }
        return results(dir, "record");
    }

    /** Replays the fixture with no provider at all; its four calls come from the cassette; no key in any file. */
    static void replayFourCalls(Class<?> fixture, Path dir) {
        assertPassed(replay(fixture, dir), 1);
        assertThat(calls(results(dir, "replay")))
                .hasSize(4)
                .allSatisfy(c -> assertThat(c.get("replayed").asBoolean()).isTrue());
        assertThat(allFiles(dir)).doesNotContain(SDK_KEY).doesNotContain("0123456789abcdefXYZ");
    }

    static EngineExecutionResults record(Class<?> fixture, ScriptedLlmServer server, Path dir) {
        return run(fixture, dir, "record", server.openAiBaseUrl(), server.anthropicBaseUrl());
    }

    /** Replay, with base URLs that lead nowhere: any call that tried to go live would fail. */
    static EngineExecutionResults replay(Class<?> fixture, Path dir) {
        return run(fixture, dir, "replay", "http://127.0.0.1:9/v1", "http://127.0.0.1:9");
    }

    static EngineExecutionResults run(
            Class<?> fixture, Path dir, String mode, String openAiBase, String anthropicBase) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .configurationParameter("llm.mode", mode)
                .configurationParameter(
                        "llm.cassettes.dir", dir.resolve("cassettes").toString())
                .configurationParameter(
                        "llm.results.dir", dir.resolve("results-" + mode).toString())
                .configurationParameter("llm.openai.base-url", openAiBase)
                .configurationParameter("llm.anthropic.base-url", anthropicBase)
                .configurationParameter("llm.retries", "0")
                .execute();
    }

    /** Fails with the first failing fixture's own exception, so a broken SDK path shows its cause. */
    static void assertPassed(EngineExecutionResults results, int tests) {
        results.testEvents().failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable))
                .flatMap(Optional::stream)
                .findFirst()
                .ifPresent(t -> {
                    throw new AssertionError("a fixture failed: " + t, t);
                });
        results.testEvents().assertStatistics(s -> s.succeeded(tests).failed(0));
    }

    /** Every file under {@code dir}, concatenated: for "no key anywhere" checks. */
    static String allFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The results document of a run. */
    static JsonNode results(Path dir, String mode) {
        try (Stream<Path> files = Files.list(dir.resolve("results-" + mode))) {
            List<Path> json =
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            return new ObjectMapper().readTree(json.get(json.size() - 1).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls of all cases in a results document. */
    static List<JsonNode> calls(JsonNode results) {
        return results.findValues("calls").stream()
                .filter(JsonNode::isArray)
                .flatMap(a -> Stream.iterate(0, i -> i < a.size(), i -> i + 1).map(a::get))
                .toList();
    }
}
