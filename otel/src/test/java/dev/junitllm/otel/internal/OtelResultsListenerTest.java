package dev.junitllm.otel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitllm.results.CallResult;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.CaseStatus;
import dev.junitllm.results.SampleResult;
import dev.junitllm.results.Tokens;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spans of hand-made cases: failed calls, unknown usage and price, faults, several samples. */
class OtelResultsListenerTest {

    @BeforeEach
    void memoryExporter() {
        MemoryExporterProvider.SPANS.reset();
        System.setProperty("otel.traces.exporter", "memory");
    }

    @AfterEach
    void clear() {
        System.clearProperty("otel.traces.exporter");
    }

    private static CaseResult caseOf(CaseStatus status, String failure, List<SampleResult> samples) {
        return new CaseResult(
                "[engine:junit-jupiter]/[class:RefundTest]/[method:answers()]",
                "answers()",
                "RefundTest#answers",
                null,
                null,
                "openai:gpt-4o-mini",
                "live",
                null,
                null,
                null,
                null,
                null,
                status,
                samples.size(),
                samples.size(),
                (int) samples.stream().filter(SampleResult::passed).count(),
                1.0,
                null,
                null,
                null,
                null,
                failure,
                null,
                null,
                null,
                samples);
    }

    private static List<SpanData> export(CaseResult c) {
        OtelResultsListener listener = new OtelResultsListener(
                k -> k.equals("otel.traces.exporter") ? Optional.of("memory") : Optional.empty());
        listener.caseFinished(c);
        listener.close();
        return MemoryExporterProvider.SPANS.getFinishedSpanItems();
    }

    @Test
    void aFailedCallIsAnErrorSpanAndUnknownUsageOrPriceLeavesTheirAttributesOut() {
        CallResult failed = new CallResult(
                CallResult.Role.MODEL,
                "openai:gpt-4o-mini",
                null,
                false,
                null,
                null,
                1200,
                null,
                null,
                "What is the refund window?",
                null,
                "HTTP 429: rate limited",
                List.of("RATE_LIMIT"));
        CallResult fallback = new CallResult(
                CallResult.Role.MODEL,
                "anthropic:claude-haiku-4-5",
                "claude-haiku-4-5-20251001",
                false,
                new Tokens(12, 7, 0, 0, 0),
                0.00004,
                300,
                80L,
                "openai:gpt-4o-mini failed: HTTP 429",
                "What is the refund window?",
                "Refunds within 30 days.",
                null);
        List<SpanData> spans = export(caseOf(
                CaseStatus.ERROR,
                "LlmException: HTTP 429",
                List.of(new SampleResult(0, false, "boom", List.of(), List.of(failed, fallback)))));

        assertThat(spans).hasSize(3);
        SpanData root = spans.stream()
                .filter(s -> !s.getParentSpanContext().isValid())
                .findFirst()
                .orElseThrow();
        assertThat(root.getName()).isEqualTo("RefundTest#answers");
        assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(root.getStatus().getDescription()).isEqualTo("LlmException: HTTP 429");
        assertThat(root.getEndEpochNanos() - root.getStartEpochNanos()).isEqualTo(1_500_000_000L);

        SpanData first = spans.stream()
                .filter(s -> s.getName().equals("chat gpt-4o-mini"))
                .findFirst()
                .orElseThrow();
        assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(first.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("_OTHER");
        assertThat(first.getAttributes().get(OtelResultsListener.FAULTS)).containsExactly("RATE_LIMIT");
        assertThat(first.getAttributes().get(OtelResultsListener.INPUT_TOKENS)).isNull();
        assertThat(first.getAttributes().get(OtelResultsListener.COST)).isNull();
        assertThat(first.getAttributes().get(OtelResultsListener.RESPONSE_MODEL))
                .isNull();
        assertThat(first.getEndEpochNanos() - first.getStartEpochNanos()).isEqualTo(1_200_000_000L);

        SpanData second = spans.stream()
                .filter(s -> s.getName().equals("chat claude-haiku-4-5"))
                .findFirst()
                .orElseThrow();
        assertThat(second.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(second.getStartEpochNanos()).isEqualTo(first.getEndEpochNanos());
        assertThat(second.getEndEpochNanos()).isEqualTo(root.getEndEpochNanos());
        assertThat(second.getAttributes().get(OtelResultsListener.RESPONSE_MODEL))
                .isEqualTo("claude-haiku-4-5-20251001");
        assertThat(second.getAttributes().get(OtelResultsListener.INPUT_TOKENS)).isEqualTo(12L);
        assertThat(second.getAttributes().get(OtelResultsListener.OUTPUT_TOKENS))
                .isEqualTo(7L);
        assertThat(second.getAttributes().get(OtelResultsListener.COST)).isEqualTo(0.00004);
        assertThat(second.getAttributes().get(OtelResultsListener.TTFT)).isEqualTo(80L);
        assertThat(second.getAttributes().get(OtelResultsListener.FALLBACK)).startsWith("openai:gpt-4o-mini failed");
    }

    private static CallResult startedAt(Instant start, long latencyMs, String finishReason) {
        return new CallResult(
                CallResult.Role.MODEL,
                "openai:gpt-4o-mini",
                "gpt-4o-mini-2024-07-18",
                false,
                new Tokens(10, 3, 0, 0, 0),
                null,
                start.toString(),
                latencyMs,
                null,
                null,
                "q",
                "a",
                finishReason,
                null,
                List.of());
    }

    private static long nanos(Instant at) {
        return TimeUnit.SECONDS.toNanos(at.getEpochSecond()) + at.getNano();
    }

    @Test
    void callsThatRanInParallelOverlapAndTheCaseSpanCoversThemAll() {
        Instant t0 = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        CallResult a = startedAt(t0, 800, "stop");
        CallResult b = startedAt(t0.plusMillis(100), 500, "length");
        // a replayed call keeps its recorded latency: it may end after the case finished
        CallResult late = startedAt(Instant.now().plusSeconds(5), 1000, null);
        List<SpanData> spans = export(caseOf(
                CaseStatus.PASSED, null, List.of(new SampleResult(0, true, null, List.of(), List.of(a, b, late)))));

        assertThat(spans).hasSize(4);
        SpanData root = spans.stream()
                .filter(s -> !s.getParentSpanContext().isValid())
                .findFirst()
                .orElseThrow();
        List<SpanData> calls = spans.stream()
                .filter(s -> s.getParentSpanContext().isValid())
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .toList();
        assertThat(calls.get(0).getStartEpochNanos()).isEqualTo(nanos(t0));
        assertThat(calls.get(0).getEndEpochNanos()).isEqualTo(nanos(t0.plusMillis(800)));
        assertThat(calls.get(1).getStartEpochNanos()).isEqualTo(nanos(t0.plusMillis(100)));
        assertThat(calls.get(1).getEndEpochNanos()).isEqualTo(nanos(t0.plusMillis(600)));
        assertThat(calls.get(0).getAttributes().get(OtelResultsListener.FINISH_REASONS))
                .containsExactly("stop");
        assertThat(calls.get(1).getAttributes().get(OtelResultsListener.FINISH_REASONS))
                .containsExactly("length");
        assertThat(calls.get(2).getAttributes().get(OtelResultsListener.FINISH_REASONS))
                .isNull();

        assertThat(root.getStartEpochNanos()).isEqualTo(nanos(t0));
        assertThat(root.getEndEpochNanos()).isEqualTo(calls.get(2).getEndEpochNanos());
    }

    @Test
    void callsOfEverySampleHangUnderTheCaseWithTheirSampleIndex() {
        CallResult call = new CallResult(
                CallResult.Role.MODEL, "ollama:llama3", null, true, Tokens.NONE, 0.0, 10, null, null, "q", "a", null);
        List<SpanData> spans = export(caseOf(
                CaseStatus.PASSED,
                null,
                List.of(
                        new SampleResult(0, true, null, List.of(), List.of(call)),
                        new SampleResult(1, true, null, List.of(), List.of(call)))));
        assertThat(spans).hasSize(3);
        SpanData root = spans.stream()
                .filter(s -> !s.getParentSpanContext().isValid())
                .findFirst()
                .orElseThrow();
        assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        List<SpanData> calls =
                spans.stream().filter(s -> s.getParentSpanContext().isValid()).toList();
        assertThat(calls)
                .allSatisfy(s -> {
                    assertThat(s.getParentSpanId()).isEqualTo(root.getSpanId());
                    assertThat(s.getAttributes().get(OtelResultsListener.PROVIDER))
                            .isEqualTo("ollama");
                    assertThat(s.getAttributes().get(OtelResultsListener.REPLAYED))
                            .isTrue();
                })
                .extracting(s -> s.getAttributes().get(OtelResultsListener.SAMPLE))
                .containsExactly(0L, 1L);
    }

    @Test
    void settingsTheSdkRejectsSwitchTheExportOffWithoutFailingTheCase() {
        System.setProperty("otel.traces.exporter", "otlp");
        System.setProperty("otel.exporter.otlp.protocol", "grpc"); // no gRPC sender in the artifact
        try {
            OtelResultsListener listener = new OtelResultsListener(
                    k -> k.equals("otel.traces.exporter") ? Optional.of("otlp") : Optional.empty());
            assertThat(listener.enabled()).isTrue();
            listener.caseFinished(caseOf(CaseStatus.PASSED, null, List.of()));
            assertThat(listener.enabled()).isFalse();
            listener.caseFinished(caseOf(CaseStatus.PASSED, null, List.of()));
            listener.close();
        } finally {
            System.clearProperty("otel.exporter.otlp.protocol");
        }
    }
}
