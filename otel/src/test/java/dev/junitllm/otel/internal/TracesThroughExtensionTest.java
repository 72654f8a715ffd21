package dev.junitllm.otel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.junitllm.GoldenCase;
import dev.junitllm.GoldenDataset;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmContext;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmTest;
import dev.junitllm.Model;
import dev.junitllm.Verdict;
import dev.junitllm.testkit.ScriptedLlmServer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The spans of a test run through the JUnit Platform against the scripted server, exported by the
 * SDK's in-memory exporter chosen with {@code otel.traces.exporter=memory}.
 */
class TracesThroughExtensionTest {

    /** Built at run time: never a key-shaped literal in the sources. */
    static final String KEY_ECHO = "sk" + "-" + "proj" + "A1b2C3d4E5f6G7h8I9j0K1l2";

    @TempDir
    Path tmp;

    @Model("openai:gpt-4o-mini")
    static class Refunds {
        @LlmTest
        @GoldenDataset("datasets/refunds.jsonl")
        void answers(GoldenCase c, LlmClient llm) {
            String answer = llm.chat(c.input()).text();
            LlmContext context = LlmContext.current().orElseThrow();
            String grade = context.judge()
                    .chat(LlmRequest.builder()
                            .system("You are a strict grader.")
                            .user("Answer: " + answer + "\nExpected: " + c.expected())
                            .build())
                    .text();
            context.record(Verdict.binary("matches", grade.startsWith("PASS"), grade));
            if (!grade.startsWith("PASS")) {
                throw new AssertionError("judge: " + grade);
            }
        }
    }

    @BeforeEach
    void memoryExporter() {
        MemoryExporterProvider.SPANS.reset();
        System.setProperty("otel.traces.exporter", "memory");
    }

    @AfterEach
    void clear() {
        System.clearProperty("otel.traces.exporter");
        System.clearProperty(OtelResultsListener.CAPTURE_CONTENT);
    }

    private void run() {
        run(Map.of())
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(2)); // the key echo fails, and so does the dataset gate
    }

    private EngineExecutionResults run(Map<String, String> moreConfiguration) {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.whenUserContains("Answer: Refunds").reply("PASS");
            server.whenSystemContains("grader").reply("FAIL");
            server.whenUserContains("refund window").reply("Refunds within 30 days.");
            server.whenUserContains("my key")
                    .reply("Your key is " + KEY_ECHO + " or " + System.getenv("OPENAI_API_KEY"));
            return EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(Refunds.class))
                    .configurationParameter(
                            LlmConfiguration.CASSETTES_DIR,
                            tmp.resolve("cassettes").toString())
                    .configurationParameter(
                            LlmConfiguration.RESULTS_DIR, tmp.resolve("results").toString())
                    .configurationParameter(LlmConfiguration.MODE, "record")
                    .configurationParameter(LlmConfiguration.OPENAI_BASE_URL, server.openAiBaseUrl())
                    .configurationParameter(LlmConfiguration.ANTHROPIC_BASE_URL, server.anthropicBaseUrl())
                    .configurationParameter(LlmConfiguration.JUDGE_MODEL, "anthropic:claude-haiku-4-5")
                    .configurationParameters(moreConfiguration)
                    .execute();
        }
    }

    private static SpanData one(List<SpanData> spans, Predicate<SpanData> which) {
        List<SpanData> found = spans.stream().filter(which).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static String attr(SpanData span, String key) {
        Object v = span.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals(key))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        return v == null ? null : v.toString();
    }

    @Test
    void eachCaseIsASpanWithAGenAiChatSpanPerModelAndJudgeCall() {
        run();
        List<SpanData> spans = MemoryExporterProvider.SPANS.getFinishedSpanItems();
        assertThat(spans).hasSize(6); // two cases, each with a model call and a judge call

        SpanData refund = one(spans, s -> s.getName().endsWith("[refund-window]"));
        assertThat(refund.getName()).contains("Refunds").contains("answers");
        assertThat(refund.getParentSpanContext().isValid()).isFalse();
        assertThat(attr(refund, "junit_llm.case.id")).isEqualTo("refund-window");
        assertThat(attr(refund, "junit_llm.dataset")).contains("refunds.jsonl");
        assertThat(attr(refund, "junit_llm.model")).isEqualTo("openai:gpt-4o-mini");
        assertThat(attr(refund, "junit_llm.case.status")).isEqualTo("passed");
        assertThat(attr(refund, "junit_llm.case.passed")).isEqualTo("true");
        assertThat(refund.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(refund.getResource().getAttributes().asMap().toString()).contains("junit-llm");

        SpanData failed = one(spans, s -> s.getName().endsWith("[key-echo]"));
        assertThat(attr(failed, "junit_llm.case.status")).isEqualTo("failed");
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);

        List<SpanData> children = spans.stream()
                .filter(s -> s.getParentSpanId().equals(refund.getSpanId()))
                .toList();
        assertThat(children).hasSize(2);
        SpanData model = one(children, s -> "model".equals(attr(s, "junit_llm.call.role")));
        assertThat(model.getTraceId()).isEqualTo(refund.getTraceId());
        assertThat(model.getName()).isEqualTo("chat gpt-4o-mini");
        assertThat(model.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(attr(model, "gen_ai.operation.name")).isEqualTo("chat");
        assertThat(attr(model, "gen_ai.provider.name")).isEqualTo("openai");
        assertThat(attr(model, "gen_ai.request.model")).isEqualTo("gpt-4o-mini");
        assertThat(attr(model, "gen_ai.response.model")).isNotBlank();
        assertThat(Long.parseLong(attr(model, "gen_ai.usage.input_tokens"))).isPositive();
        assertThat(Long.parseLong(attr(model, "gen_ai.usage.output_tokens"))).isPositive();
        assertThat(Double.parseDouble(attr(model, "junit_llm.cost.usd"))).isPositive();
        assertThat(attr(model, "junit_llm.call.judge")).isEqualTo("false");
        assertThat(model.getEndEpochNanos()).isGreaterThanOrEqualTo(model.getStartEpochNanos());
        assertThat(model.getStartEpochNanos()).isGreaterThanOrEqualTo(refund.getStartEpochNanos());
        assertThat(model.getEndEpochNanos()).isLessThanOrEqualTo(refund.getEndEpochNanos());

        SpanData judge = one(children, s -> "judge".equals(attr(s, "junit_llm.call.role")));
        assertThat(judge.getName()).isEqualTo("chat claude-haiku-4-5");
        assertThat(attr(judge, "gen_ai.provider.name")).isEqualTo("anthropic");
        assertThat(attr(judge, "junit_llm.call.judge")).isEqualTo("true");
        assertThat(judge.getStartEpochNanos()).isGreaterThanOrEqualTo(model.getEndEpochNanos());

        // content is off by default
        assertThat(spans).allSatisfy(s -> {
            assertThat(attr(s, "gen_ai.input.messages")).isNull();
            assertThat(attr(s, "gen_ai.output.messages")).isNull();
        });
    }

    @Test
    void promptsAndAnswersAreAttachedOnlyWhenEnabledAndThenRedacted() {
        System.setProperty(OtelResultsListener.CAPTURE_CONTENT, "true");
        run();
        List<SpanData> spans = MemoryExporterProvider.SPANS.getFinishedSpanItems();
        SpanData refundModel = one(
                spans,
                s -> "model".equals(attr(s, "junit_llm.call.role"))
                        && String.valueOf(attr(s, "gen_ai.input.messages")).contains("refund window"));
        assertThat(attr(refundModel, "gen_ai.input.messages"))
                .isEqualTo(
                        "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"What is the refund window?\"}]}]");
        assertThat(attr(refundModel, "gen_ai.output.messages")).contains("Refunds within 30 days.");

        SpanData echo = one(
                spans,
                s -> "model".equals(attr(s, "junit_llm.call.role"))
                        && String.valueOf(attr(s, "gen_ai.input.messages")).contains("my key"));
        assertThat(attr(echo, "gen_ai.output.messages")).contains("Your key is").contains("[REDACTED");
        assertThat(spans)
                .allSatisfy(s -> assertThat(s.getAttributes().toString()).doesNotContain(KEY_ECHO));
    }

    @Test
    void contentCanBeSwitchedOnWhereTheOtherKeysAre() {
        run(Map.of(OtelResultsListener.CAPTURE_CONTENT, "true")); // junit-platform.properties, no system property

        assertThat(MemoryExporterProvider.SPANS.getFinishedSpanItems())
                .anySatisfy(s -> assertThat(attr(s, "gen_ai.input.messages")).contains("What is the refund window?"));
    }

    @Test
    void aBadCaptureContentValueFailsTheRunNamingTheKey() {
        EngineExecutionResults results = run(Map.of(OtelResultsListener.CAPTURE_CONTENT, "yes"));

        assertThat(results.allEvents().failed().stream()
                        .map(e -> e.getPayload(TestExecutionResult.class)
                                .flatMap(TestExecutionResult::getThrowable)
                                .map(Throwable::getMessage)
                                .orElse("")))
                .isNotEmpty()
                .allSatisfy(message -> assertThat(message)
                        .contains("results listener dev.junitllm.otel.internal.OtelResultsListener")
                        .contains("llm.otel.captureContent=yes is not allowed"));
        assertThat(results.testEvents().succeeded().count()).isZero();
        assertThat(MemoryExporterProvider.SPANS.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void offUnlessAnExporterIsNamed() {
        assertThat(new OtelResultsListener(k -> Optional.empty()).enabled()).isFalse();
        assertThat(new OtelResultsListener(
                                k -> k.equals("OTEL_TRACES_EXPORTER") ? Optional.of("none") : Optional.empty())
                        .enabled())
                .isFalse();
        assertThat(new OtelResultsListener(
                                k -> k.equals("OTEL_TRACES_EXPORTER") ? Optional.of("otlp") : Optional.empty())
                        .enabled())
                .isTrue();
        assertThat(new OtelResultsListener(k -> switch (k) {
                            case "OTEL_TRACES_EXPORTER" -> Optional.of("otlp");
                            case "OTEL_SDK_DISABLED" -> Optional.of("true");
                            default -> Optional.empty();
                        })
                        .enabled())
                .isFalse();

        // and through the platform: without otel.traces.exporter no span is exported
        System.clearProperty("otel.traces.exporter");
        run();
        assertThat(MemoryExporterProvider.SPANS.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void theOtlpExporterSendsTheSpansToAReceiverConfiguredWithOtelProperties() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            System.setProperty("otel.traces.exporter", "otlp");
            // no protocol given: http/protobuf is junit-llm-otel's default
            System.setProperty("otel.exporter.otlp.endpoint", receiver.endpoint());
            System.setProperty("otel.service.name", "refund-tests");
            try {
                run();
            } finally {
                System.clearProperty("otel.exporter.otlp.endpoint");
                System.clearProperty("otel.service.name");
            }
            // the run's end flushed the batch: nothing to wait for
            assertThat(receiver.contentTypes).isNotEmpty().allMatch("application/x-protobuf"::equals);
            assertThat(receiver.spans).hasSize(6);
            assertThat(MemoryExporterProvider.SPANS.getFinishedSpanItems()).isEmpty();

            OtlpReceiver.ReceivedSpan refund = receiver.spans.stream()
                    .filter(s -> s.name().endsWith("[refund-window]"))
                    .findFirst()
                    .orElseThrow();
            assertThat(refund.parentSpanId()).isEmpty();
            assertThat(refund.resource()).containsEntry("service.name", "refund-tests");
            assertThat(refund.attributes())
                    .containsEntry("junit_llm.case.id", "refund-window")
                    .containsEntry("junit_llm.case.passed", "true");
            List<OtlpReceiver.ReceivedSpan> calls = receiver.spans.stream()
                    .filter(s -> s.parentSpanId().equals(refund.spanId()))
                    .toList();
            assertThat(calls)
                    .extracting(OtlpReceiver.ReceivedSpan::name)
                    .containsExactly("chat gpt-4o-mini", "chat claude-haiku-4-5");
            assertThat(calls.get(0).attributes())
                    .containsEntry("gen_ai.operation.name", "chat")
                    .containsEntry("gen_ai.provider.name", "openai")
                    .containsEntry("junit_llm.call.role", "model")
                    .containsKey("gen_ai.usage.input_tokens")
                    .containsKey("junit_llm.cost.usd");
            assertThat(calls.get(1).attributes()).containsEntry("junit_llm.call.judge", "true");
        }
    }
}
