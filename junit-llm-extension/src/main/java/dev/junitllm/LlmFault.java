package dev.junitllm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Injects a provider failure into the model calls of an {@link LlmTest}, so a test can check what the
 * application does when the model is rate limited, overloaded, slow, cut off or filtered — its
 * retries, its fallback to another model, its error message. Like WireMock's fault simulation, for
 * LLM wire formats: error bodies and headers are the provider's own (OpenAI's
 * {@code {"error":{"message","type","param","code"}}}, Anthropic's {@code {"type":"error","error":
 * {"type","message"}}}), so real SDKs react as they would in production.
 *
 * <pre>{@code
 * @LlmTest
 * @Model("openai:gpt-4o-mini")
 * @LlmFault(value = LlmFault.Kind.RATE_LIMITED, calls = LlmFault.ALL, model = "openai:gpt-4o-mini", retryAfter = 0)
 * void fallsBackToTheSecondModelUnderA429Storm(LlmProxy proxy) {
 *     Copilot copilot = new Copilot(proxy.baseUrl("openai"));   // primary gpt-4o-mini, fallback gpt-4.1-mini
 *     assertThat(copilot.answer("What is the refund window?")).contains("30 days");
 * }
 *
 * @LlmTest
 * @LlmFault(value = LlmFault.Kind.OVERLOADED, onCall = 1, calls = 2)   // the first two calls get 529
 * @LlmFault(value = LlmFault.Kind.TIMEOUT, onCall = 3, calls = LlmFault.ALL, rate = 0.2, seed = 7, delay = "1s")
 *                                                                    // from call 3 on, 20% of calls hang
 * void survivesAFlakyProvider(LlmClient llm) { ... }
 * }</pre>
 *
 * <p><b>Which calls.</b> Faults hit the chat calls of the model under test (OpenAI chat completions,
 * Anthropic messages), through the injected {@link LlmClient} and through the {@link LlmProxy} alike;
 * judge calls and embeddings are never faulted. A call is one HTTP request: every retry counts, the
 * SDK's through the proxy and {@link LlmClient}'s own. Each fault counts the calls that match it
 * ({@link #model()}) in each sample, from 1: it hits calls {@link #onCall()} to {@code onCall + calls
 * - 1}, each with probability {@link #rate()} drawn from a generator seeded by {@link #seed()} and the
 * sample index, so a run is reproducible. When several faults hit one call, the first declared wins
 * (method before class).
 *
 * <p><b>Replay and record.</b> Faults are injected in front of the cassette: a faulted call never
 * reaches the provider or the cassette, so the test runs offline from its recordings, and a recording
 * made while faults are on holds only real answers. Two kinds need the real answer and take it from
 * the cassette (or, recording, from the provider) like any call: {@link Kind#SLOW_FIRST_TOKEN} and
 * {@link Kind#STREAM_CUT}. Every call records the faults that fired on it ({@code faults} in
 * {@code llm-results.json}).
 *
 * <p>{@link LlmClient} retries as it does against a provider ({@value LlmConfiguration#MAX_RETRIES},
 * {@code Retry-After}), so a test sees what its code would see after those retries; an SDK behind
 * the {@link LlmProxy} retries with its own policy.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(LlmFault.List.class)
@API(status = EXPERIMENTAL)
public @interface LlmFault {

    /** For {@link #calls()}: every matching call from {@link #onCall()} on. */
    int ALL = Integer.MAX_VALUE;

    /** What goes wrong: {@code @LlmFault(LlmFault.Kind.TIMEOUT)}. */
    Kind value();

    /** The first matching call hit, counted from 1 in each sample: {@code @LlmFault(value = Kind.SERVER_ERROR, onCall = 2)}. */
    int onCall() default 1;

    /**
     * How many consecutive matching calls are hit, from {@link #onCall()}; {@link #ALL} for a storm:
     * {@code @LlmFault(value = Kind.RATE_LIMITED, calls = LlmFault.ALL)}.
     */
    int calls() default 1;

    /**
     * The probability (0 exclusive to 1) that each call in the window is hit; 1 hits every one:
     * {@code @LlmFault(value = Kind.SERVER_ERROR, calls = LlmFault.ALL, rate = 0.1, seed = 7)}.
     */
    double rate() default 1.0;

    /** Seeds the draw when {@link #rate()} is below 1; sample {@code i} draws from {@code seed + i}. */
    long seed() default 0;

    /** Only calls to this model ({@code provider:model}, as requested); empty: every model. */
    String model() default "";

    /**
     * The {@code Retry-After} header of {@link Kind#RATE_LIMITED}, {@link Kind#SERVICE_UNAVAILABLE} and
     * {@link Kind#OVERLOADED}, in whole seconds; {@code -1} (default) sends none, so clients back off
     * on their own schedule. {@code 0} asks for an immediate retry (fast tests).
     */
    int retryAfter() default -1;

    /**
     * A duration such as {@code 500ms}, {@code 2s}. {@link Kind#SLOW_FIRST_TOKEN}: the wait before the
     * first byte of the answer (default {@code 2s}). {@link Kind#TIMEOUT}: how long the silence lasts
     * (default through the proxy: until the SDK gives up, at most 10 minutes; through {@link LlmClient}:
     * {@value LlmConfiguration#READ_TIMEOUT}, after which the call fails as timed out).
     */
    String delay() default "";

    /** {@link Kind#STREAM_CUT}: how many server-sent events arrive before the cut; {@code -1}: half of them. */
    int afterEvents() default -1;

    /** The faults a provider shows, each in the wire format of the provider called. */
    @API(status = EXPERIMENTAL)
    enum Kind {
        /** HTTP 429: OpenAI {@code rate_limit_exceeded}, Anthropic {@code rate_limit_error}; retried by SDKs. */
        RATE_LIMITED,
        /**
         * Quota or credit spent: OpenAI HTTP 429 {@code insufficient_quota}, Anthropic HTTP 402
         * {@code billing_error}; never retried (waiting does not help).
         */
        QUOTA_EXHAUSTED,
        /** HTTP 500: OpenAI {@code server_error}, Anthropic {@code api_error}. */
        SERVER_ERROR,
        /** HTTP 503: OpenAI {@code server_error} ("Slow Down"), Anthropic {@code api_error}. */
        SERVICE_UNAVAILABLE,
        /** Anthropic HTTP 529 {@code overloaded_error}; OpenAI-style providers: HTTP 503, engine overloaded. */
        OVERLOADED,
        /** The connection closes before the first byte of the answer. */
        CONNECTION_RESET,
        /** No answer at all: the connection stays silent (see {@link #delay()}) until the client times out. */
        TIMEOUT,
        /** The real answer, after {@link #delay()} without a byte. */
        SLOW_FIRST_TOKEN,
        /**
         * The real answer, cut off: a stream ends after {@link #afterEvents()} events without its terminal
         * event (OpenAI {@code [DONE]}, Anthropic {@code message_stop}); a plain body ends half-way.
         */
        STREAM_CUT,
        /** HTTP 200 whose body (or first stream event) is not valid JSON. */
        MALFORMED_JSON,
        /**
         * HTTP 200, no content, stopped by the provider's safety system: OpenAI {@code finish_reason}
         * {@code content_filter}, Anthropic {@code stop_reason} {@code refusal}.
         */
        CONTENT_FILTER
    }

    /** Holds repeated {@link LlmFault}s; the compiler writes it for you. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @API(status = EXPERIMENTAL)
    @interface List {
        /** The repeated faults, as the compiler collects several {@code @LlmFault} on one element. */
        LlmFault[] value();
    }
}
