package dev.junitllm.internal.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.junitllm.CallRole;
import dev.junitllm.LlmFault;
import dev.junitllm.LlmProviderException;
import dev.junitllm.LlmProxy;
import dev.junitllm.MissingRecordingException;
import dev.junitllm.ModelId;
import dev.junitllm.internal.cassette.CorruptCassetteException;
import dev.junitllm.internal.client.Exchange;
import dev.junitllm.internal.client.ExchangeResult;
import dev.junitllm.internal.client.HeldSlots;
import dev.junitllm.internal.client.Messages;
import dev.junitllm.internal.client.SseEvent;
import dev.junitllm.internal.client.Transport;
import dev.junitllm.internal.fault.FaultPlan;
import dev.junitllm.internal.fault.FaultSpec;
import dev.junitllm.internal.fault.FiredFaults;
import dev.junitllm.internal.fault.ProviderFaults;
import dev.junitllm.internal.util.JsonLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * The {@link LlmProxy} of one test case: an HTTP server on 127.0.0.1 (random port) that accepts
 * OpenAI- and Anthropic-style requests from any SDK and answers them through a {@link Transport}
 * (normally the case's {@code CassetteTransport}, so the same record/replay rules apply).
 *
 * <p>Routes (POST, JSON body; the model comes from the body, streaming from {@code "stream": true}):
 *
 * <ul>
 *   <li>{@code /openai/v1/...} (e.g. {@code chat/completions}, {@code embeddings}, {@code responses}):
 *       provider {@code openai}, exchange path {@code /chat/completions} etc.;
 *   <li>{@code /anthropic/v1/...} (e.g. {@code messages}): provider {@code anthropic}, exchange path
 *       {@code /v1/messages};
 *   <li>{@code /ollama/v1/...}: provider {@code ollama} (OpenAI-compatible).
 * </ul>
 *
 * <p>The {@code /v1} segment may be missing or doubled (SDKs disagree on whether a base URL includes
 * it); the exchange path is the same either way.
 *
 * <p>Headers are never part of a recording and never reach a file; in record and live modes the
 * SDK's headers (its key included) go with the call to the provider, less hop-by-hop ones. Streams
 * are written as server-sent events as they arrive. A missing recording is answered with 404 and a
 * provider-shaped error whose message is the {@link MissingRecordingException}'s, plus
 * {@code x-should-retry: false}.
 *
 * <pre>{@code
 * try (LocalLlmProxy proxy = LocalLlmProxy.start(transport, CallRole.MODEL, listener)) {
 *     ChatModel model = OpenAiChatModel.builder()
 *             .baseUrl(proxy.baseUrl("openai"))   // http://127.0.0.1:PORT/openai/v1
 *             .apiKey("unused").modelName("gpt-4o-mini").build();
 *     model.chat("Hello");
 * }
 * }</pre>
 */
public final class LocalLlmProxy implements LlmProxy, AutoCloseable {
    private static final ObjectMapper MAPPER = JsonLimits.mapper();
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Transport transport;
    private final CallRole role;
    private final ProxyListener listener;
    private final FaultPlan faults;
    private final List<MissingRecordingException> misses = new CopyOnWriteArrayList<>();

    private LocalLlmProxy(
            HttpServer server, Transport transport, CallRole role, ProxyListener listener, FaultPlan faults) {
        this.server = server;
        this.transport = transport;
        this.role = role;
        this.listener = listener;
        this.faults = faults;
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "junit-llm-proxy-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Starts a proxy on 127.0.0.1 and a free port.
     *
     * @param transport answers the calls (record/replay rules live there)
     * @param role the role of the calls made through it, normally {@link CallRole#MODEL}
     * @param listener told about every call, e.g. to record usage and cost
     * @throws UncheckedIOException when no port can be bound
     */
    public static LocalLlmProxy start(Transport transport, CallRole role, ProxyListener listener) {
        return start(transport, role, listener, FaultPlan.NONE);
    }

    /**
     * Starts a proxy that injects {@code faults} in front of {@code transport}: a faulted call is
     * answered as the provider would fail (status, headers and error body in its format; a closed or
     * silent connection; a cut or malformed stream) and never reaches the transport, except slow first
     * tokens and stream cuts, which need the real answer. The SDK retries with its own policy.
     */
    public static LocalLlmProxy start(Transport transport, CallRole role, ProxyListener listener, FaultPlan faults) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(faults, "faults");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            return new LocalLlmProxy(server, transport, role, listener, faults);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the LLM proxy on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** The port the proxy listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * {@code http://127.0.0.1:PORT/openai/v1} for {@code openai} (and {@code ollama}),
     * {@code http://127.0.0.1:PORT/anthropic} for {@code anthropic} (the Anthropic SDKs append
     * {@code /v1/messages}).
     *
     * @throws IllegalArgumentException for any other provider, listing the allowed ones
     */
    @Override
    public String baseUrl(String provider) {
        String root = "http://127.0.0.1:" + port();
        return switch (provider == null ? "" : provider.strip().toLowerCase(Locale.ROOT)) {
            case "openai" -> root + "/openai/v1";
            case "anthropic" -> root + "/anthropic";
            case "ollama" -> root + "/ollama/v1";
            default ->
                throw new IllegalArgumentException("LlmProxy.baseUrl(\"" + provider
                        + "\"): unknown provider; allowed are openai, anthropic, ollama");
        };
    }

    /**
     * What the test should show when it failed with {@code thrown}: SDKs often reduce the proxy's
     * answer to a replay miss to {@code 404 Not Found} (Spring AI's streaming does), so when this proxy
     * had a miss, the test fails with the {@link MissingRecordingException} (cassette, closest
     * recording's difference, record command) and the SDK's exception as its cause.
     */
    public Throwable explain(Throwable thrown) {
        if (misses.isEmpty() || thrown instanceof MissingRecordingException) {
            return thrown;
        }
        String more = misses.size() > 1 ? " (" + (misses.size() - 1) + " more calls missed too)" : "";
        MissingRecordingException shown =
                new MissingRecordingException(misses.get(0).getMessage() + more);
        shown.initCause(thrown);
        return shown;
    }

    /** Stops the server; calls still in flight are cut off. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange http) throws IOException {
        Heard heard = new Heard(listener, Instant.now());
        try (http) {
            String path = http.getRequestURI().getPath();
            Route route = Route.of(path);
            if (route == null) {
                sendError(
                        http,
                        null,
                        404,
                        "not_found",
                        "junit-llm proxy: no route for " + path
                                + "; point the SDK at LlmProxy.baseUrl(\"openai\") or baseUrl(\"anthropic\")");
                return;
            }
            if (!"POST".equalsIgnoreCase(http.getRequestMethod())) {
                sendError(
                        http,
                        route.provider,
                        405,
                        "invalid_request_error",
                        "junit-llm proxy: only POST model calls are recorded and replayed, not "
                                + http.getRequestMethod() + " " + path);
                return;
            }
            ObjectNode body;
            try {
                body = readBody(http);
            } catch (IOException | IllegalArgumentException e) {
                sendError(
                        http,
                        route.provider,
                        400,
                        "invalid_request_error",
                        "junit-llm proxy: the request body is not a JSON object: " + e.getMessage());
                return;
            }
            JsonNode model = body.get("model");
            if (model == null || !model.isTextual() || model.textValue().isBlank()) {
                sendError(
                        http,
                        route.provider,
                        400,
                        "invalid_request_error",
                        "junit-llm proxy: the request body has no \"model\"");
                return;
            }
            boolean streaming = body.path("stream").asBoolean(false);
            Exchange exchange = new Exchange(
                    new ModelId(route.provider, model.textValue()),
                    role,
                    route.exchangePath(path),
                    body,
                    streaming,
                    http.getRequestHeaders());
            FiredFaults.clear();
            try {
                FaultSpec fault = faults.next(exchange);
                if (fault == null) {
                    answer(http, route.provider, exchange, Duration.ZERO, heard);
                } else {
                    inject(http, route.provider, exchange, fault, heard);
                }
            } finally {
                HeldSlots.release();
            }
        }
    }

    private void answer(HttpExchange http, String provider, Exchange exchange, Duration firstByteDelay, Heard heard)
            throws IOException {
        EventWriter events = new EventWriter(http);
        ExchangeResult result;
        try {
            result = delayed(
                    transport.execute(exchange, exchange.streaming() ? events::write : event -> {}), firstByteDelay);
        } catch (RuntimeException e) {
            RuntimeException error = Messages.forHeaders(exchange.headers()).redacted(e);
            if (e instanceof MissingRecordingException miss) {
                misses.add(miss);
            }
            heard.onFailure(exchange, error);
            if (events.started) {
                events.writeError(provider, error.getMessage());
            } else {
                sendError(http, provider, statusFor(e), typeFor(e), error.getMessage());
            }
            return;
        }
        boolean success = result.status() >= 200 && result.status() < 300;
        if (exchange.streaming() && success) {
            if (!events.received) {
                result.events().forEach(events::write); // a transport that did not call onEvent
            }
            events.start();
            heard.onExchange(exchange, result); // before the SDK sees the last event and returns
            events.finish();
            return;
        }
        if (events.started) { // an error after some events: end the stream with an error event
            heard.onExchange(exchange, result);
            events.writeError(
                    provider,
                    result.body() == null
                            ? "HTTP " + result.status()
                            : result.body().toString());
            return;
        }
        byte[] bytes = result.body() == null ? new byte[0] : MAPPER.writeValueAsBytes(result.body());
        http.getResponseHeaders().set("Content-Type", "application/json");
        if (result.requestId() != null) {
            http.getResponseHeaders()
                    .set(provider.equals("anthropic") ? "request-id" : "x-request-id", result.requestId());
        }
        heard.onExchange(exchange, result);
        http.sendResponseHeaders(result.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Answers a call as {@code fault} says, in the provider's wire format; see {@link LlmFault.Kind}. */
    private void inject(HttpExchange http, String provider, Exchange exchange, FaultSpec fault, Heard heard)
            throws IOException {
        String what = exchange.model() + " " + exchange.path();
        switch (fault.kind()) {
            case RATE_LIMITED, QUOTA_EXHAUSTED, SERVER_ERROR, SERVICE_UNAVAILABLE, OVERLOADED -> {
                ProviderFaults.HttpError error = ProviderFaults.httpError(fault, exchange);
                String after = error.headers().get("retry-after");
                FiredFaults.add(ProviderFaults.describe(
                        fault, "HTTP " + error.status() + (after == null ? "" : ", retry-after " + after)));
                heard.onExchange(exchange, injected(error.status(), MAPPER.readTree(error.body()), List.of()));
                error.headers()
                        .forEach((name, value) -> http.getResponseHeaders().set(name, value));
                send(http, error.status(), error.body().getBytes(StandardCharsets.UTF_8));
            }
            case CONNECTION_RESET -> {
                FiredFaults.add(ProviderFaults.describe(fault, "connection closed before the answer"));
                heard.onFailure(exchange, injectedFailure(what + " failed: the connection was closed", fault));
                throw new DroppedConnection(); // the SDK reads no status line
            }
            case TIMEOUT -> {
                Duration silence = fault.delay() != null ? fault.delay() : Duration.ofMinutes(10);
                FiredFaults.add(ProviderFaults.describe(fault, "no answer for " + silence.toMillis() + " ms"));
                // recorded before the silence: the SDK gives up on its own timeout and the test goes on
                heard.onFailure(exchange, injectedFailure(what + " timed out: no answer", fault));
                try {
                    Thread.sleep(silence.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the proxy is closing
                }
                throw new DroppedConnection();
            }
            case SLOW_FIRST_TOKEN -> {
                Duration delay = ProviderFaults.slowFirstTokenDelay(fault);
                FiredFaults.add(ProviderFaults.describe(fault, "first byte after " + delay.toMillis() + " ms"));
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                answer(http, provider, exchange, delay, heard);
            }
            case STREAM_CUT -> cut(http, provider, exchange, fault, heard);
            case MALFORMED_JSON -> {
                FiredFaults.add(ProviderFaults.describe(fault, "HTTP 200 with a body that is not JSON"));
                heard.onFailure(exchange, injectedFailure(what + " answered with malformed JSON", fault));
                if (exchange.streaming()) {
                    sendEvents(http, ProviderFaults.malformedEvents(exchange));
                } else {
                    http.getResponseHeaders().set("Content-Type", "application/json");
                    send(http, 200, ProviderFaults.malformedBody(exchange).getBytes(StandardCharsets.UTF_8));
                }
            }
            case CONTENT_FILTER -> {
                FiredFaults.add(ProviderFaults.describe(
                        fault, "anthropic".equals(provider) ? "stop_reason refusal" : "finish_reason content_filter"));
                if (exchange.streaming()) {
                    List<SseEvent> events = ProviderFaults.contentFilterEvents(exchange);
                    heard.onExchange(exchange, injected(200, null, events));
                    sendEvents(http, events);
                } else {
                    JsonNode body = ProviderFaults.contentFilterBody(exchange);
                    heard.onExchange(exchange, injected(200, body, List.of()));
                    http.getResponseHeaders().set("Content-Type", "application/json");
                    send(http, 200, MAPPER.writeValueAsBytes(body));
                }
            }
            default -> throw new IllegalStateException("unknown fault " + fault.kind());
        }
    }

    /**
     * The real answer, cut off: the response announces its full length and the connection closes after
     * part of it, so the SDK reads an incomplete body (a stream without its terminal event).
     */
    private void cut(HttpExchange http, String provider, Exchange exchange, FaultSpec fault, Heard heard)
            throws IOException {
        ExchangeResult result;
        try {
            result = transport.execute(exchange, event -> {});
        } catch (RuntimeException e) {
            answerFailure(http, provider, exchange, e, heard);
            return;
        }
        boolean success = result.status() >= 200 && result.status() < 300;
        if (!success) {
            heard.onExchange(exchange, result);
            http.getResponseHeaders().set("Content-Type", "application/json");
            send(http, result.status(), result.body() == null ? new byte[0] : MAPPER.writeValueAsBytes(result.body()));
            return;
        }
        byte[] full;
        byte[] sent;
        String how;
        if (exchange.streaming()) {
            int keep = ProviderFaults.eventsBeforeCut(fault, result.events().size());
            full = sse(result.events());
            sent = sse(result.events().subList(0, keep));
            how = "stream cut after " + keep + " of " + result.events().size() + " events";
            http.getResponseHeaders().set("Content-Type", "text/event-stream");
        } else {
            full = MAPPER.writeValueAsBytes(result.body());
            sent = java.util.Arrays.copyOf(full, full.length / 2);
            how = "body cut after " + sent.length + " of " + full.length + " bytes";
            http.getResponseHeaders().set("Content-Type", "application/json");
        }
        FiredFaults.add(ProviderFaults.describe(fault, how));
        heard.onFailure(exchange, injectedFailure(exchange.model() + " " + exchange.path() + ": " + how, fault));
        http.sendResponseHeaders(200, full.length);
        OutputStream out = http.getResponseBody();
        out.write(sent);
        out.flush();
        throw new DroppedConnection(); // fewer bytes than announced, then no more: an incomplete body
    }

    /**
     * Thrown out of the handler to make the JDK's server close the connection at once, without
     * finishing the response: what a dropped connection looks like to the SDK. The server logs it
     * at TRACE level only.
     */
    /** The listener of one request, told when the proxy received it. */
    private record Heard(ProxyListener listener, Instant startedAt) {
        void onExchange(Exchange exchange, ExchangeResult result) {
            listener.onExchange(exchange, result, startedAt);
        }

        void onFailure(Exchange exchange, RuntimeException error) {
            listener.onFailure(exchange, error, startedAt);
        }
    }

    private static final class DroppedConnection extends IOException {
        DroppedConnection() {
            super("connection dropped by an injected fault");
        }
    }

    private static LlmProviderException injectedFailure(String message, FaultSpec fault) {
        return new LlmProviderException(
                message + " (injected by " + fault.where() + ")", 0, null, null, null, true, null);
    }

    private static ExchangeResult injected(int status, JsonNode body, List<SseEvent> events) {
        return ExchangeResult.injected(status, body, events, Duration.ZERO);
    }

    private static ExchangeResult delayed(ExchangeResult r, Duration delay) {
        if (delay.isZero()) {
            return r;
        }
        return new ExchangeResult(
                r.status(),
                r.body(),
                r.events(),
                r.requestId(),
                (r.latency() == null ? Duration.ZERO : r.latency()).plus(delay),
                r.timeToFirstEvent() == null ? null : r.timeToFirstEvent().plus(delay),
                r.recordedAt(),
                r.replayed(),
                r.injected());
    }

    private static void send(HttpExchange http, int status, byte[] bytes) throws IOException {
        http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void sendEvents(HttpExchange http, List<SseEvent> events) throws IOException {
        http.getResponseHeaders().set("Content-Type", "text/event-stream");
        http.getResponseHeaders().set("Cache-Control", "no-cache");
        send(http, 200, sse(events));
    }

    private static byte[] sse(List<SseEvent> events) {
        StringBuilder text = new StringBuilder();
        for (SseEvent event : events) {
            EventWriter.appendEvent(text, event);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A call the transport failed before any answer went out: a provider-shaped error, as {@link #answer} sends. */
    private void answerFailure(HttpExchange http, String provider, Exchange exchange, RuntimeException e, Heard heard)
            throws IOException {
        RuntimeException error = Messages.forHeaders(exchange.headers()).redacted(e);
        if (e instanceof MissingRecordingException miss) {
            misses.add(miss);
        }
        heard.onFailure(exchange, error);
        sendError(http, provider, statusFor(e), typeFor(e), error.getMessage());
    }

    private static ObjectNode readBody(HttpExchange http) throws IOException {
        InputStream in = http.getRequestBody();
        String encoding = http.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            in = new GZIPInputStream(in);
        }
        byte[] bytes = in.readAllBytes();
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (ObjectNode) node;
    }

    private static int statusFor(RuntimeException e) {
        if (e instanceof LlmProviderException p && p.status() >= 400) {
            return p.status(); // the provider's own answer, e.g. 401, so the SDK reacts as it would
        }
        if (e instanceof MissingRecordingException) {
            return 404;
        }
        if (e instanceof CorruptCassetteException) {
            return 500;
        }
        return 502;
    }

    private static String typeFor(RuntimeException e) {
        if (e instanceof MissingRecordingException) {
            return "junit_llm_missing_recording";
        }
        if (e instanceof CorruptCassetteException) {
            return "junit_llm_corrupt_cassette";
        }
        return "junit_llm_proxy_error";
    }

    private static void sendError(HttpExchange http, String provider, int status, String type, String message)
            throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(errorBody(provider, type, message));
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.getResponseHeaders().set("x-should-retry", "false");
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Errors in the provider's own shape, so SDKs surface the message. */
    private static JsonNode errorBody(String provider, String type, String message) {
        String text = message == null ? type : message;
        ObjectNode body = MAPPER.createObjectNode();
        if ("anthropic".equals(provider)) {
            body.put("type", "error");
            body.putObject("error").put("type", type).put("message", text);
        } else {
            body.putObject("error").put("message", text).put("type", type);
        }
        return body;
    }

    /**
     * Maps {@code /<provider>/v1/<rest>} (with zero, one or more {@code /v1}) to the provider's exchange path. SDKs disagree on whether
     * the base URL includes {@code /v1} (openai-java and LangChain4j's OpenAI do, Spring AI does not;
     * anthropic-java does not, LangChain4j's Anthropic does), so any number of {@code /v1} segments is
     * accepted: OpenAI-style paths are kept without it ({@code /chat/completions}, like the OpenAI base
     * URL {@code https://api.openai.com/v1}), Anthropic paths with it ({@code /v1/messages}).
     */
    private record Route(String provider, boolean keepsVersion) {
        private static final List<Route> ALL =
                List.of(new Route("openai", false), new Route("anthropic", true), new Route("ollama", false));

        static Route of(String path) {
            for (Route route : ALL) {
                String prefix = "/" + route.provider + "/";
                if (path.startsWith(prefix) && !route.rest(path).isEmpty()) {
                    return route;
                }
            }
            return null;
        }

        private String rest(String path) {
            String rest = path.substring(provider.length() + 1);
            while (rest.startsWith("/v1/")) {
                rest = rest.substring(3);
            }
            return rest.equals("/") ? "" : rest;
        }

        String exchangePath(String path) {
            return keepsVersion ? "/v1" + rest(path) : rest(path);
        }
    }

    /**
     * Writes server-sent events as they arrive, holding back the latest one until the next arrives or
     * {@link #finish()}: the SDK cannot see the end of the stream (and return to the test) before the
     * listener has heard about the call. The headers go out with the first event.
     */
    private static final class EventWriter {
        private final HttpExchange http;
        private OutputStream out;
        private SseEvent pending;
        boolean started;
        boolean received;

        EventWriter(HttpExchange http) {
            this.http = http;
        }

        void start() {
            if (started) {
                return;
            }
            try {
                http.getResponseHeaders().set("Content-Type", "text/event-stream");
                http.getResponseHeaders().set("Cache-Control", "no-cache");
                http.sendResponseHeaders(200, 0);
                out = http.getResponseBody();
                started = true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void write(SseEvent event) {
            start();
            received = true;
            if (pending != null) {
                emit(pending);
            }
            pending = event;
        }

        void finish() {
            if (pending != null) {
                emit(pending);
                pending = null;
            }
        }

        static void appendEvent(StringBuilder text, SseEvent event) {
            if (event.event() != null) {
                text.append("event: ").append(event.event()).append('\n');
            }
            for (String line : event.data().split("\n", -1)) {
                text.append("data: ").append(line).append('\n');
            }
            text.append('\n');
        }

        private void emit(SseEvent event) {
            StringBuilder text = new StringBuilder();
            appendEvent(text, event);
            try {
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("The SDK closed the stream: " + e.getMessage(), e);
            }
        }

        /** Ends a stream that failed half-way with an error event, as the providers do. */
        void writeError(String provider, String message) {
            try {
                String data = MAPPER.writeValueAsString(errorBody(provider, "junit_llm_proxy_error", message));
                finish();
                emit("anthropic".equals(provider) ? new SseEvent("error", data) : new SseEvent(null, data));
            } catch (JsonProcessingException | UncheckedIOException gone) {
                // the SDK has already hung up: nobody is left to tell
            }
        }
    }
}
