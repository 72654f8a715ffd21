package dev.junitllm.otel.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.results.CallResult;
import dev.junitllm.results.CaseResult;
import dev.junitllm.results.LlmResults;
import dev.junitllm.results.LlmResultsListener;
import dev.junitllm.results.SampleResult;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Exports each finished case as OpenTelemetry spans: a case span (name: test id and case id) with one
 * child span per model and judge call, named and attributed after the OpenTelemetry GenAI semantic
 * conventions ({@code chat <model>}, kind CLIENT, {@code gen_ai.*}), plus junit-llm's own attributes
 * ({@code junit_llm.*}: role, cost, replay, sample, fallback, faults).
 *
 * <p>Off unless {@code OTEL_TRACES_EXPORTER} (or {@code -Dotel.traces.exporter}) names an exporter
 * other than {@code none}; the SDK is then built by the OpenTelemetry autoconfigure module from the
 * standard {@code OTEL_*} variables, traces only (metrics and logs default to {@code none}), with
 * {@code service.name} defaulting to {@code junit-llm} and the OTLP protocol to {@code http/protobuf}
 * (the JDK HttpClient sends; there is no gRPC sender). Settings the SDK rejects are reported once on
 * stderr and switch the export off; no test fails for them. Prompts and answers are attached only when
 * the configuration parameter {@code llm.otel.captureContent} (else the environment variable {@code
 * OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT}) is {@code true}; they arrive here already
 * redacted by the extension (API keys and key-shaped text).
 *
 * <p>A call span starts when the call started in the run ({@code startedAt} in the results) and lasts
 * the call's latency as the results record it (the recorded latency for a replayed call); the case span
 * runs from its first call's start to when the case finished (or to its last call's end, if later).
 * Calls of results files that carry no start (earlier releases) are laid end to end in call order, the
 * last ending when the case finished. The provider's finish reason, when known, is the call span's
 * {@code gen_ai.response.finish_reasons}.
 */
public final class OtelResultsListener implements LlmResultsListener {

    /** The instrumentation scope of the spans. */
    static final String SCOPE = "dev.junitllm.otel";

    static final String CAPTURE_CONTENT = "llm.otel.captureContent";
    static final String CAPTURE_CONTENT_ENV = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<List<String>> FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    static final AttributeKey<String> ROLE = AttributeKey.stringKey("junit_llm.call.role");
    static final AttributeKey<Boolean> JUDGE = AttributeKey.booleanKey("junit_llm.call.judge");
    static final AttributeKey<Double> COST = AttributeKey.doubleKey("junit_llm.cost.usd");
    static final AttributeKey<Boolean> REPLAYED = AttributeKey.booleanKey("junit_llm.replayed");
    static final AttributeKey<Long> SAMPLE = AttributeKey.longKey("junit_llm.sample.index");
    static final AttributeKey<Long> TTFT = AttributeKey.longKey("junit_llm.time_to_first_token_ms");
    static final AttributeKey<String> FALLBACK = AttributeKey.stringKey("junit_llm.fallback_reason");
    static final AttributeKey<List<String>> FAULTS = AttributeKey.stringArrayKey("junit_llm.faults");

    static final AttributeKey<String> TEST_ID = AttributeKey.stringKey("junit_llm.test.id");
    static final AttributeKey<String> CASE_ID = AttributeKey.stringKey("junit_llm.case.id");
    static final AttributeKey<String> DATASET = AttributeKey.stringKey("junit_llm.dataset");
    static final AttributeKey<String> MODEL = AttributeKey.stringKey("junit_llm.model");
    static final AttributeKey<String> MODE = AttributeKey.stringKey("junit_llm.mode");
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("junit_llm.case.status");
    static final AttributeKey<Boolean> PASSED = AttributeKey.booleanKey("junit_llm.case.passed");
    static final AttributeKey<Double> PASS_RATE = AttributeKey.doubleKey("junit_llm.case.pass_rate");
    static final AttributeKey<Long> SAMPLES = AttributeKey.longKey("junit_llm.case.samples");
    static final AttributeKey<Double> CASE_COST = AttributeKey.doubleKey("junit_llm.case.cost.usd");

    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile boolean enabled;
    private volatile boolean captureContent;
    private OpenTelemetrySdk sdk;
    private Tracer tracer;

    /** The service entry: reads system properties, then environment variables. */
    public OtelResultsListener() {
        this(key -> Optional.ofNullable(System.getProperty(key)).or(() -> Optional.ofNullable(System.getenv(key))));
    }

    OtelResultsListener(Function<String, Optional<String>> settings) {
        this.enabled = enabled(settings);
        this.captureContent = settings.apply(CAPTURE_CONTENT)
                .or(() -> settings.apply(CAPTURE_CONTENT_ENV))
                .map(v -> Boolean.parseBoolean(v.strip()))
                .orElse(false);
    }

    /**
     * {@code llm.otel.captureContent} as a JUnit configuration parameter ({@code junit-platform.properties}
     * or {@code -D}) decides over the environment variable.
     *
     * @throws IllegalArgumentException for a value other than {@code true} or {@code false}
     */
    @Override
    public void runStarted(Function<String, Optional<String>> configuration) {
        Optional<String> value = configuration.apply(CAPTURE_CONTENT).map(String::strip);
        if (value.isEmpty()) {
            return;
        }
        if (!value.get().equalsIgnoreCase("true") && !value.get().equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(CAPTURE_CONTENT + "=" + value.get()
                    + " is not allowed: give true (prompts and answers on the call spans) or false");
        }
        captureContent = Boolean.parseBoolean(value.get());
    }

    /** Whether an exporter is configured: {@code OTEL_TRACES_EXPORTER} set, not {@code none}, SDK not disabled. */
    boolean enabled() {
        return enabled;
    }

    private static boolean enabled(Function<String, Optional<String>> settings) {
        boolean disabled = settings.apply("otel.sdk.disabled")
                .or(() -> settings.apply("OTEL_SDK_DISABLED"))
                .map(v -> Boolean.parseBoolean(v.strip()))
                .orElse(false);
        String exporter = settings.apply("otel.traces.exporter")
                .or(() -> settings.apply("OTEL_TRACES_EXPORTER"))
                .map(v -> v.strip().toLowerCase(Locale.ROOT))
                .orElse("");
        return !disabled && !exporter.isEmpty() && !exporter.equals("none");
    }

    /** The tracer, the SDK built on first use; null, once reported, when the OTEL_* settings are unusable. */
    private synchronized Tracer tracer() {
        if (tracer == null && enabled) {
            try {
                sdk = AutoConfiguredOpenTelemetrySdk.builder()
                        .addPropertiesSupplier(() -> Map.of(
                                "otel.service.name", "junit-llm",
                                "otel.exporter.otlp.protocol", "http/protobuf",
                                "otel.metrics.exporter", "none",
                                "otel.logs.exporter", "none"))
                        .disableShutdownHook()
                        .build()
                        .getOpenTelemetrySdk();
                tracer = sdk.getTracer(SCOPE);
            } catch (RuntimeException e) {
                enabled = false;
                System.err.println("junit-llm-otel: no traces are exported, OpenTelemetry could not be configured from"
                        + " the OTEL_* settings: " + reasons(e)
                        + " (see docs/traces.md; the OTLP exporter speaks http/protobuf)");
            }
        }
        return tracer;
    }

    /** The messages of an exception and its causes, outermost first. */
    static String reasons(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && out.indexOf(t.getMessage()) < 0) {
                out.append(out.length() == 0 ? "" : ": ").append(t.getMessage());
            }
        }
        return out.toString();
    }

    @Override
    public void caseFinished(CaseResult c) {
        if (!enabled) {
            return;
        }
        Tracer t = tracer();
        if (t == null) {
            return;
        }
        Instant now = Instant.now();
        List<CallAt> calls = new ArrayList<>();
        for (SampleResult sample : c.samples()) {
            for (CallResult call : sample.calls()) {
                calls.add(new CallAt(sample.index(), call));
            }
        }
        List<Instant> starts = starts(calls, now);
        Instant start = now;
        Instant end = now;
        for (int i = 0; i < calls.size(); i++) {
            Instant callEnd = starts.get(i).plusMillis(latency(calls.get(i)));
            start = starts.get(i).isBefore(start) ? starts.get(i) : start;
            end = callEnd.isAfter(end) ? callEnd : end;
        }

        String name = c.caseId() == null ? c.testId() : c.testId() + " [" + c.caseId() + "]";
        SpanBuilder caseSpan = t.spanBuilder(name)
                .setNoParent()
                .setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(start)
                .setAttribute(TEST_ID, c.testId())
                .setAttribute(STATUS, c.status().wireName())
                .setAttribute(PASSED, c.passed())
                .setAttribute(SAMPLES, (long) c.samplesRun());
        setIfPresent(caseSpan, CASE_ID, c.caseId());
        setIfPresent(caseSpan, DATASET, c.dataset());
        setIfPresent(caseSpan, MODEL, c.model());
        setIfPresent(caseSpan, MODE, c.mode());
        if (c.passRate() != null) {
            caseSpan.setAttribute(PASS_RATE, c.passRate());
        }
        if (c.costUsd().total() != null) {
            caseSpan.setAttribute(CASE_COST, c.costUsd().total());
        }
        Span parent = caseSpan.startSpan();
        Context parentContext = Context.root().with(parent);

        for (int i = 0; i < calls.size(); i++) {
            Instant callStart = starts.get(i);
            callSpan(t, parentContext, calls.get(i), callStart, callStart.plusMillis(latency(calls.get(i))));
        }
        if (!c.passed() && c.status() != dev.junitllm.results.CaseStatus.SKIPPED) {
            parent.setStatus(
                    StatusCode.ERROR, c.failureReason() == null ? c.status().wireName() : c.failureReason());
        }
        parent.end(end);
    }

    /**
     * When each call started: as the results say; for results without starts (files of earlier
     * releases), end to end in call order, the last ending at {@code end}.
     */
    private static List<Instant> starts(List<CallAt> calls, Instant end) {
        List<Instant> starts = new ArrayList<>();
        for (CallAt a : calls) {
            Instant at = instant(a.call().startedAt());
            if (at == null) {
                return laidEndToEnd(calls, end);
            }
            starts.add(at);
        }
        return starts;
    }

    private static List<Instant> laidEndToEnd(List<CallAt> calls, Instant end) {
        Instant at = end.minusMillis(
                calls.stream().mapToLong(OtelResultsListener::latency).sum());
        List<Instant> starts = new ArrayList<>();
        for (CallAt a : calls) {
            starts.add(at);
            at = at.plusMillis(latency(a));
        }
        return starts;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long latency(CallAt a) {
        return Math.max(0, a.call().latencyMs());
    }

    private void callSpan(Tracer t, Context parent, CallAt a, Instant start, Instant end) {
        CallResult call = a.call();
        String model = call.model() == null ? "" : call.model();
        int colon = model.indexOf(':');
        String provider = colon > 0 ? model.substring(0, colon) : null;
        String requestModel = colon > 0 ? model.substring(colon + 1) : model;
        boolean judge = call.role() == CallResult.Role.JUDGE;

        SpanBuilder b = t.spanBuilder("chat " + requestModel)
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(start)
                .setAttribute(OPERATION, "chat")
                .setAttribute(REQUEST_MODEL, requestModel)
                .setAttribute(ROLE, call.role().wireName())
                .setAttribute(JUDGE, judge)
                .setAttribute(REPLAYED, call.replayed())
                .setAttribute(SAMPLE, (long) a.sample());
        if (provider != null) {
            b.setAttribute(PROVIDER, provider);
            b.setAttribute(SYSTEM, provider);
        }
        setIfPresent(b, RESPONSE_MODEL, call.providerModel());
        if (call.finishReason() != null && !call.finishReason().isEmpty()) {
            b.setAttribute(FINISH_REASONS, List.of(call.finishReason()));
        }
        if (call.tokens() != null) {
            b.setAttribute(INPUT_TOKENS, call.tokens().input());
            b.setAttribute(OUTPUT_TOKENS, call.tokens().output());
        }
        if (call.costUsd() != null) {
            b.setAttribute(COST, call.costUsd());
        }
        if (call.timeToFirstTokenMs() != null) {
            b.setAttribute(TTFT, call.timeToFirstTokenMs());
        }
        setIfPresent(b, FALLBACK, call.fallbackReason());
        if (!call.faults().isEmpty()) {
            b.setAttribute(FAULTS, call.faults());
        }
        if (captureContent) {
            if (call.request() != null) {
                b.setAttribute(INPUT_MESSAGES, messages("user", call.request()));
            }
            if (call.response() != null) {
                b.setAttribute(OUTPUT_MESSAGES, messages("assistant", call.response()));
            }
        }
        Span span = b.startSpan();
        if (call.error() != null) {
            span.setAttribute(ERROR_TYPE, "_OTHER");
            span.setStatus(StatusCode.ERROR, call.error());
        }
        span.end(end);
    }

    /** One message in the GenAI conventions' JSON shape: {@code [{"role":..,"parts":[{"type":"text","content":..}]}]}. */
    static String messages(String role, String text) {
        ArrayNode list = JSON.createArrayNode();
        ObjectNode message = list.addObject().put("role", role);
        message.putArray("parts").addObject().put("type", "text").put("content", text);
        return list.toString();
    }

    private static void setIfPresent(SpanBuilder b, AttributeKey<String> key, String value) {
        if (value != null && !value.isEmpty()) {
            b.setAttribute(key, value);
        }
    }

    @Override
    public void runFinished(LlmResults results, Path resultsFile) {
        close();
    }

    /** Flushes and shuts the SDK down; spans of later cases start a new one. */
    synchronized void close() {
        if (sdk != null) {
            sdk.shutdown().join(10, TimeUnit.SECONDS);
            sdk = null;
            tracer = null;
        }
    }

    private record CallAt(int sample, CallResult call) {}
}
