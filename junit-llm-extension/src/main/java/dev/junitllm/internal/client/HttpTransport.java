package dev.junitllm.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmException;
import dev.junitllm.LlmProviderException;
import dev.junitllm.internal.cost.Budget;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Sends {@link Exchange}s to the providers over HTTP: authentication headers, base URLs, retries with
 * {@code Retry-After}, timeouts, a per-provider limiter and the budget check before every attempt.
 * Provider error bodies become {@link LlmProviderException}s with the provider's message, status and
 * request id. One instance per run; thread-safe; close it at the end of the run.
 *
 * <pre>{@code
 * Budget budget = Budget.fromConfig(config);
 * try (HttpTransport http = HttpTransport.create(config, System::getenv, budget)) {
 *     LlmClient llm = LlmClients.create(ModelId.parse("openai:gpt-4o-mini"), CallRole.MODEL, http,
 *             PriceTable.load(config), budget, CallObserver.NONE);
 *     llm.chat("Hello");
 * }
 * }</pre>
 *
 * <p>Streams: events are handed to {@code onEvent} as each arrives and also returned in order. A
 * stream is retried only when it fails before its first event; after that, the failure is final.
 */
public final class HttpTransport implements Transport, AutoCloseable {

    /** The Anthropic API version this library speaks. */
    static final String ANTHROPIC_VERSION = "2023-06-01";

    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final HttpTransportConfig config;
    private final Budget budget;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private final RetryPolicy retries;
    private final OkHttpClient http;
    private final Map<String, ProviderLimiter> limiters = new ConcurrentHashMap<>();

    /** A transport for the given configuration; spend is checked against {@code budget}. */
    public HttpTransport(HttpTransportConfig config, Budget budget) {
        this(config, budget, Sleeper.SYSTEM, System::nanoTime, Clock.systemUTC());
    }

    HttpTransport(HttpTransportConfig config, Budget budget, Sleeper sleeper, LongSupplier nanoTime, Clock clock) {
        this.config = config;
        this.budget = budget;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.clock = clock;
        this.retries = new RetryPolicy(config.maxRetries(), config.maxRetryWait(), clock);
        this.http = new OkHttpClient.Builder()
                .callTimeout(config.timeout())
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                // our own retry loop counts attempts; OkHttp's silent retry would add unaccounted ones
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * Reads the configuration (see {@link HttpTransportConfig#from}) and builds a transport.
     *
     * @param config JUnit configuration parameters
     * @param env environment variables, e.g. {@code System::getenv}
     * @throws IllegalArgumentException for an invalid configuration value, naming key, value and what is allowed
     */
    public static HttpTransport create(
            Function<String, Optional<String>> config, Function<String, String> env, Budget budget) {
        return new HttpTransport(HttpTransportConfig.from(config, env), budget);
    }

    /** The configuration in force. */
    public HttpTransportConfig config() {
        return config;
    }

    @Override
    public ExchangeResult execute(Exchange exchange, Consumer<SseEvent> onEvent) {
        String provider = exchange.model().provider();
        HttpTransportConfig.Endpoint endpoint = config.endpoint(exchange.model());
        if (endpoint.apiKey() == null) {
            throw new LlmException("No API key for " + exchange.model() + ": set the environment variable "
                    + endpoint.apiKeyEnv() + " for live or record runs, or replay from cassettes (-D"
                    + LlmConfiguration.MODE + "=replay, the default), which needs no key.");
        }
        Request request = request(exchange, endpoint);
        String what = exchange.model() + " " + exchange.path();
        ProviderLimiter limiter = limiters.computeIfAbsent(
                provider,
                p -> new ProviderLimiter(config.concurrency(), config.requestsPerMinute(), nanoTime, sleeper));
        Instant startedAt = clock.instant();
        long start = nanoTime.getAsLong();

        for (int attempt = 1; ; attempt++) {
            budget.checkCanSend(what);
            limiter.acquire(what);
            Duration wait;
            StreamState stream = new StreamState(onEvent);
            long attemptStart = nanoTime.getAsLong();
            try (Response response = http.newCall(request).execute()) {
                String requestId = requestId(response);
                if (response.isSuccessful()) {
                    if (exchange.streaming()) {
                        readEvents(response.body(), stream, attemptStart);
                        return new ExchangeResult(
                                response.code(),
                                null,
                                stream.events,
                                requestId,
                                Duration.ofNanos(nanoTime.getAsLong() - start),
                                stream.firstEventAfter,
                                startedAt,
                                false);
                    }
                    String text = response.body().string();
                    JsonNode body = Json.tryParse(text);
                    if (body == null || !body.isObject()) {
                        throw new LlmProviderException(
                                what + " answered HTTP " + response.code() + " with a body that is not a JSON object: "
                                        + ProviderErrors.abbreviate(text, 300),
                                response.code(),
                                null,
                                null,
                                requestId,
                                false,
                                null);
                    }
                    return new ExchangeResult(
                            response.code(),
                            body,
                            List.of(),
                            requestId,
                            Duration.ofNanos(nanoTime.getAsLong() - start),
                            null,
                            startedAt,
                            false);
                }
                String errorBody = response.body().string();
                ProviderErrors.Parsed parsed = ProviderErrors.parse(errorBody);
                boolean spendLimit = ProviderErrors.spendLimitReached(response.code(), parsed);
                boolean retry = RetryPolicy.shouldRetry(response.code(), response.headers(), spendLimit);
                if (!retry || attempt > retries.maxRetries()) {
                    boolean transientFailure = spendLimit || RetryPolicy.retryableStatus(response.code());
                    throw ProviderErrors.httpError(
                            exchange, response.code(), errorBody, requestId, attempt, transientFailure);
                }
                wait = retries.waitBefore(attempt, response.headers());
            } catch (IOException e) {
                if (!stream.events.isEmpty() || attempt > retries.maxRetries()) {
                    throw connectionFailure(what, e, attempt, stream.events.size());
                }
                wait = retries.waitBefore(attempt, null);
            } finally {
                limiter.release();
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmException("Interrupted while waiting to retry " + what, e);
            }
        }
    }

    private static LlmProviderException connectionFailure(String what, IOException e, int attempts, int events) {
        String kind = e instanceof InterruptedIOException ? "timed out" : "failed";
        String where =
                events > 0 ? " after " + events + " stream events (not retried: deltas were already delivered)" : "";
        return new LlmProviderException(
                what + " " + kind + where + " after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + e,
                0,
                null,
                null,
                null,
                true,
                e);
    }

    private Request request(Exchange exchange, HttpTransportConfig.Endpoint endpoint) {
        HttpUrl url = HttpUrl.parse(endpoint.baseUrl() + exchange.path());
        if (url == null) {
            throw new IllegalArgumentException(
                    "base URL " + endpoint.baseUrl() + " with path " + exchange.path() + " is not a valid URL");
        }
        if (endpoint.apiVersion() != null) {
            url = url.newBuilder()
                    .addQueryParameter("api-version", endpoint.apiVersion())
                    .build();
        }
        Request.Builder b = new Request.Builder()
                .url(url)
                .post(RequestBody.create(Json.write(exchange.body()), JSON_TYPE))
                .header("Accept", exchange.streaming() ? "text/event-stream" : "application/json");
        if (exchange.model().provider().equals("anthropic")) {
            b.header("x-api-key", endpoint.apiKey()).header("anthropic-version", ANTHROPIC_VERSION);
        } else if (endpoint.apiVersion() != null) {
            b.header("api-key", endpoint.apiKey());
        } else {
            b.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        return b.build();
    }

    private static String requestId(Response response) {
        String id = response.header("x-request-id");
        if (id == null) {
            id = response.header("request-id");
        }
        if (id == null) {
            id = response.header("apim-request-id"); // Azure
        }
        return id;
    }

    /** The events of one streamed attempt and when the first arrived. */
    private static final class StreamState {
        final Consumer<SseEvent> onEvent;
        final List<SseEvent> events = new ArrayList<>();
        Duration firstEventAfter;

        StreamState(Consumer<SseEvent> onEvent) {
            this.onEvent = onEvent;
        }
    }

    /**
     * Reads server-sent events line by line as they arrive: {@code event:} and {@code data:} fields
     * (several data lines join with a newline), comments ({@code :}) skipped, a blank line dispatches.
     */
    private void readEvents(ResponseBody body, StreamState state, long attemptStart) throws IOException {
        BufferedSource source = body.source();
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    dispatch(state, new SseEvent(event, data.toString()), attemptStart);
                }
                event = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                event = value;
            } else if (field.equals("data")) {
                data = data == null
                        ? new StringBuilder(value)
                        : data.append('\n').append(value);
            }
        }
        if (data != null) {
            // a last event without its blank line: hand it over; a truncated JSON fails in the adapter
            dispatch(state, new SseEvent(event, data.toString()), attemptStart);
        }
    }

    private void dispatch(StreamState state, SseEvent e, long attemptStart) {
        if (state.firstEventAfter == null) {
            state.firstEventAfter = Duration.ofNanos(nanoTime.getAsLong() - attemptStart);
        }
        state.events.add(e);
        state.onEvent.accept(e);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
