package dev.junitllm.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmException;
import dev.junitllm.LlmProviderException;
import dev.junitllm.internal.cost.Budget;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Sends {@link Exchange}s to the providers over HTTP (the JDK's {@link HttpClient}, so that no HTTP
 * library of ours meets the one an SDK brings): authentication headers, base URLs, retries with
 * {@code Retry-After}, timeouts, a per-provider limiter and the budget check before every attempt.
 * Provider error bodies become {@link LlmProviderException}s with the provider's message, status and
 * request id; every message is redacted. One instance per run; thread-safe; close it at the end of
 * the run.
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
 * <p>Headers: an exchange that came through the {@link dev.junitllm.LlmProxy} carries the SDK's
 * headers; they are forwarded (its key, {@code anthropic-version}, {@code anthropic-beta} and custom
 * headers included) except hop-by-hop ones and those that describe the proxy's own connection. Only
 * when the SDK sent no credentials is the key taken from the environment.
 *
 * <p>Streams: events are handed to {@code onEvent} as each arrives and also returned in order. A
 * stream is retried only when it fails before its first event; after that, the failure is final.
 */
public final class HttpTransport implements Transport, AutoCloseable {

    /** The Anthropic API version this library speaks when the caller names none. */
    static final String ANTHROPIC_VERSION = "2023-06-01";

    /**
     * Headers never forwarded from an SDK: hop-by-hop ones (RFC 9110 7.6.1), those that describe the
     * connection to the proxy or a body encoding the proxy has undone, and those we set ourselves.
     */
    static final Set<String> NOT_FORWARDED = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "http2-settings",
            "host",
            "content-length",
            "content-type",
            "content-encoding",
            "accept",
            "accept-encoding",
            "expect",
            "date",
            "from",
            "origin",
            "referer",
            "via",
            "warning",
            "forwarded",
            "x-forwarded-for",
            "x-forwarded-host",
            "x-forwarded-proto",
            "cookie");

    private static final Set<String> CREDENTIALS = Set.of("authorization", "x-api-key", "api-key");
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final HttpTransportConfig config;
    private final Budget budget;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private final RetryPolicy retries;
    private final ExecutorService executor;
    private final HttpClient http;
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
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "junit-llm-http-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /**
     * Loads what the first live call of a JVM needs and a replay never does (the JDK HTTP client with
     * its default TLS context, the JSON mapper), so that it is loaded before the run starts. Sends
     * nothing.
     */
    public static void warmUp() {
        HttpClient.newBuilder().build();
        Json.tryParse("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"\"}}]}");
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
        Messages messages = new Messages(endpoint.apiKey(), exchange.headers());
        try {
            return execute(exchange, endpoint, messages, onEvent);
        } catch (RuntimeException e) {
            throw messages.redacted(e);
        }
    }

    private ExchangeResult execute(
            Exchange exchange, HttpTransportConfig.Endpoint endpoint, Messages messages, Consumer<SseEvent> onEvent) {
        boolean sdkCredentials = exchange.headers().keySet().stream().anyMatch(CREDENTIALS::contains);
        if (endpoint.apiKey() == null && !sdkCredentials) {
            throw new LlmException("No API key for " + exchange.model() + ": set the environment variable "
                    + endpoint.apiKeyEnv() + " (or give the SDK a key when it calls through the LlmProxy)"
                    + " for live or record runs, or replay from cassettes (-D" + LlmConfiguration.MODE
                    + "=replay, the default), which needs no key.");
        }
        HttpRequest request = request(exchange, endpoint, sdkCredentials);
        String what = exchange.model() + " " + exchange.path();
        ProviderLimiter limiter = limiters.computeIfAbsent(
                exchange.model().provider(),
                p -> new ProviderLimiter(config.concurrency(), config.requestsPerMinute(), nanoTime, sleeper));
        Instant startedAt = clock.instant();
        long start = nanoTime.getAsLong();

        HeldSlots.release(); // a caller that never charged its last call must not keep its slot
        boolean capped = budget.capUsd().isPresent();
        for (int attempt = 1; ; attempt++) {
            limiter.acquire(what);
            Duration wait;
            StreamState stream = new StreamState(onEvent);
            boolean answered = false;
            try {
                // after the slot, not before: a call that waited for a slot sees what the calls ahead
                // of it spent, so the overshoot is bounded by llm.concurrency, not by the thread count
                budget.checkCanSend(what);
                long attemptStart = nanoTime.getAsLong();
                Call call = new Call(request, exchange.streaming());
                try {
                    Head head = call.head();
                    String requestId = requestId(head.headers);
                    boolean success = head.status >= 200 && head.status < 300;
                    if (success && exchange.streaming()) {
                        readEvents(call, stream, attemptStart);
                        answered = true;
                        return new ExchangeResult(
                                head.status,
                                null,
                                stream.events,
                                requestId,
                                Duration.ofNanos(nanoTime.getAsLong() - start),
                                stream.firstEventAfter,
                                startedAt,
                                false);
                    }
                    String text = call.text();
                    if (success) {
                        JsonNode body = Json.tryParse(text);
                        if (body == null || !body.isObject()) {
                            throw new LlmProviderException(
                                    what + " answered HTTP " + head.status
                                            + " with a body that is not a JSON object: "
                                            + ProviderErrors.abbreviate(text, 300),
                                    head.status,
                                    null,
                                    null,
                                    requestId,
                                    false,
                                    null);
                        }
                        answered = true;
                        return new ExchangeResult(
                                head.status,
                                body,
                                List.of(),
                                requestId,
                                Duration.ofNanos(nanoTime.getAsLong() - start),
                                null,
                                startedAt,
                                false);
                    }
                    ProviderErrors.Parsed parsed = ProviderErrors.parse(text);
                    boolean spendLimit = ProviderErrors.spendLimitReached(head.status, parsed);
                    boolean retry = RetryPolicy.shouldRetry(head.status, head.headers, spendLimit);
                    if (!retry || attempt > retries.maxRetries()) {
                        boolean transientFailure = spendLimit || RetryPolicy.retryableStatus(head.status);
                        throw ProviderErrors.httpError(
                                exchange, head.status, text, requestId, attempt, transientFailure);
                    }
                    wait = retries.waitBefore(attempt, head.headers);
                } catch (IOException e) {
                    if (!stream.events.isEmpty() || attempt > retries.maxRetries()) {
                        throw connectionFailure(what, e, attempt, stream.events.size());
                    }
                    wait = retries.waitBefore(attempt, null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LlmException("Interrupted while waiting for " + what, e);
                } finally {
                    call.cancel();
                }
            } finally {
                if (answered && capped) {
                    HeldSlots.hold(limiter::release); // until the caller has charged the answer's cost
                } else {
                    limiter.release();
                }
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
        String kind = e instanceof HttpTimeoutException || e instanceof InterruptedIOException ? "timed out" : "failed";
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

    private HttpRequest request(Exchange exchange, HttpTransportConfig.Endpoint endpoint, boolean sdkCredentials) {
        String url = endpoint.baseUrl() + exchange.path();
        if (endpoint.apiVersion() != null) {
            url += (url.contains("?") ? "&" : "?") + "api-version="
                    + URLEncoder.encode(endpoint.apiVersion(), StandardCharsets.UTF_8);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "base URL " + endpoint.baseUrl() + " with path " + exchange.path() + " is not a valid URL", e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(exchange.body()), StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header("Accept", exchange.streaming() ? "text/event-stream" : "application/json");
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with local servers
        }
        exchange.headers().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name)) {
                values.forEach(value -> b.header(name, value));
            }
        });
        boolean anthropic = exchange.model().provider().equals("anthropic");
        if (anthropic && !exchange.headers().containsKey("anthropic-version")) {
            b.header("anthropic-version", ANTHROPIC_VERSION);
        }
        if (!sdkCredentials) {
            if (anthropic) {
                b.header("x-api-key", endpoint.apiKey());
            } else if (endpoint.apiVersion() != null) {
                b.header("api-key", endpoint.apiKey());
            } else {
                b.header("Authorization", "Bearer " + endpoint.apiKey());
            }
        }
        return b.build();
    }

    private static String requestId(HttpHeaders headers) {
        return headers.firstValue("x-request-id")
                .or(() -> headers.firstValue("request-id"))
                .or(() -> headers.firstValue("apim-request-id")) // Azure
                .orElse(null);
    }

    /** The status line and headers of an answer. */
    private record Head(int status, HttpHeaders headers) {}

    /** What the JDK client hands over, in order: the head, then lines or the whole body, then the end. */
    private sealed interface Item permits HeadItem, Line, Text, End, Failed {}

    private record HeadItem(Head head) implements Item {}

    private record Line(String line) implements Item {}

    private record Text(String text) implements Item {}

    private record End() implements Item {}

    private record Failed(Throwable error) implements Item {}

    /**
     * One attempt in flight. The JDK client pushes what arrives into a queue; this thread takes it with
     * {@code llm.timeout} as the bound of the whole attempt and {@code llm.timeout.read} as the longest
     * silence, so a stalled stream times out like a stalled connect.
     */
    private final class Call {
        private final LinkedBlockingQueue<Item> items = new LinkedBlockingQueue<>();
        private final CompletableFuture<HttpResponse<Void>> future;
        private final long deadline;
        private volatile Flow.Subscription subscription;
        private boolean finished;

        Call(HttpRequest request, boolean streaming) {
            this.deadline = System.nanoTime() + config.timeout().toNanos();
            this.future = http.sendAsync(request, info -> {
                Head head = new Head(info.statusCode(), info.headers());
                items.add(new HeadItem(head));
                if (streaming && info.statusCode() >= 200 && info.statusCode() < 300) {
                    return HttpResponse.BodySubscribers.fromLineSubscriber(new LineSubscriber());
                }
                return HttpResponse.BodySubscribers.mapping(
                        HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), text -> {
                            items.add(new Text(text));
                            return null;
                        });
            });
            future.whenComplete((response, error) -> items.add(error == null ? new End() : new Failed(error)));
        }

        Head head() throws IOException, InterruptedException {
            Item item = next();
            if (item instanceof HeadItem h) {
                return h.head;
            }
            throw failure(item);
        }

        /** The next line of a stream; null at its end. */
        String line() throws IOException, InterruptedException {
            Item item = next();
            if (item instanceof Line l) {
                return l.line;
            }
            if (item instanceof End) {
                finished = true;
                return null;
            }
            throw failure(item);
        }

        String text() throws IOException, InterruptedException {
            Item item = next();
            if (item instanceof Text t) {
                finished = true;
                return t.text;
            }
            throw failure(item);
        }

        private Item next() throws IOException, InterruptedException {
            long left = deadline - System.nanoTime();
            long wait = Math.min(left, config.readTimeout().toNanos());
            Item item = wait <= 0 ? items.poll() : items.poll(wait, TimeUnit.NANOSECONDS);
            if (item == null) {
                cancel();
                throw new HttpTimeoutException(
                        left <= config.readTimeout().toNanos()
                                ? "no complete answer within llm.timeout=" + config.timeout()
                                : "no data for llm.timeout.read=" + config.readTimeout());
            }
            return item;
        }

        private IOException failure(Item item) {
            if (item instanceof Failed f) {
                Throwable cause = f.error instanceof CompletionException || f.error instanceof ExecutionException
                        ? f.error.getCause()
                        : f.error;
                return cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
            }
            return new IOException(
                    "the connection ended early (" + item.getClass().getSimpleName() + ")");
        }

        /**
         * Aborts an attempt that did not run to its end (timeout, failure, interrupt). A finished one is
         * left alone: its connection may already be back in the pool, serving another call.
         */
        void cancel() {
            if (finished) {
                return;
            }
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            future.cancel(true);
        }

        private final class LineSubscriber implements Flow.Subscriber<String> {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                items.add(new Line(line));
            }

            @Override
            public void onError(Throwable error) {
                // the response future fails too and says so
            }

            @Override
            public void onComplete() {
                // the response future completes after this
            }
        }
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
    private void readEvents(Call call, StreamState state, long attemptStart) throws IOException, InterruptedException {
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = call.line()) != null) {
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
        executor.shutdownNow();
    }
}
