package dev.junitllm.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * A small scripted HTTP server that speaks the OpenAI Chat Completions / Embeddings and Anthropic
 * Messages wire formats, on 127.0.0.1 only.
 *
 * <p><b>It is not a model.</b> Every answer is written in advance by a script; nothing is
 * generated. It exists for junit-llm's own tests (exact wire shapes, streaming, errors, retries,
 * concurrency) and for making the sample project's recordings without a real provider or an API
 * key. A recording made against it must say so; the model it reports carries the suffix {@code
 * -scripted} (e.g. {@code gpt-4o-mini-scripted}) so such a recording can never pass for a real
 * model's answer.
 *
 * <pre>{@code
 * try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
 *     server.whenSystemContains("grader").replyJson("{\"pass\":true,\"reason\":\"states 30 days\"}");
 *     server.whenUserContains("refund").replyInTurn("Refunds within 30 days.", "You have 30 days.");
 *     server.whenUserContains("weather").failTimes(1, 429, Duration.ofSeconds(1)).reply("Sunny.");
 *
 *     // point any client at it
 *     String openAi = server.openAiBaseUrl();       // http://127.0.0.1:PORT/v1
 *     String anthropic = server.anthropicBaseUrl(); // http://127.0.0.1:PORT
 *     ...
 *     assertThat(server.requestCount()).isEqualTo(3);
 * }
 * }</pre>
 *
 * <p>Endpoints: {@code POST /v1/chat/completions}, {@code POST /v1/embeddings}, {@code POST
 * /v1/messages} (each also without {@code /v1}). Chat requests are answered by the first matching
 * rule (see {@link RuleBuilder}); when none matches, by the {@link #otherwise()} rule, or else by a
 * 404 in the provider's error shape that names the request, so a missing script line is never
 * mistaken for an answer. Embeddings are always answered with deterministic word-hashing vectors (64
 * dimensions unless {@code dimensions} asks otherwise; similar wording gives a higher cosine, meaning
 * does not). Anthropic requests need {@code x-api-key} (any value) and {@code anthropic-version}
 * headers, as the real API does; OpenAI requests need no key, like Ollama and vLLM. Every response
 * carries a request id header: {@code x-request-id} (OpenAI) or {@code request-id} (Anthropic).
 *
 * <p>Token usage is {@code ceil(words × 1.3)} for the prompt (system, messages, tool definitions)
 * and the answer, so recorded costs are non-zero and stable. A text answer longer than the request's
 * {@code max_completion_tokens}/{@code max_tokens} is cut at the limit with {@code finish_reason:
 * length} / {@code stop_reason: max_tokens}.
 *
 * <p>Thread-safe: requests are served concurrently, rules may be added while it runs, and {@link
 * #maxConcurrentRequests()} reports the most requests it ever had in flight at once.
 */
@API(status = EXPERIMENTAL)
public final class ScriptedLlmServer implements AutoCloseable {

    /**
     * Appended to the requested model in every answer ({@code gpt-4o-mini} → {@code
     * gpt-4o-mini-scripted}), so recordings made here are recognisable; a price lookup can strip it to
     * give scripted calls the real model's price.
     */
    public static final String MODEL_SUFFIX = "-scripted";

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_EMBEDDING_DIMENSIONS = 64;

    private final HttpServer http;
    private final ExecutorService executor;
    private final List<ScriptedRule> rules = new CopyOnWriteArrayList<>();
    private final List<ScriptedRequest> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    // Not exchange attributes: the JDK server shares those across all exchanges of a context.
    private final Map<HttpExchange, Flight> flights = new ConcurrentHashMap<>();
    private volatile ScriptedRule fallback;
    private volatile PrintStream console;
    private volatile UnaryOperator<String> consoleRedaction = UnaryOperator.identity();
    private volatile boolean closed;

    static {
        // The JDK server leaves Nagle's algorithm on; with one flush per SSE event every event after
        // the first then waits for the client's delayed ACK (~40 ms). Read once, when the JDK's server
        // classes load; an explicit setting by the user wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private ScriptedLlmServer(int port) throws IOException {
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scripted-llm-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        http.createContext("/", this::handle);
        http.setExecutor(executor);
        http.start();
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static ScriptedLlmServer start() {
        return start(0);
    }

    /**
     * Starts a server on {@code port} of 127.0.0.1 ({@code 0}: a free port).
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static ScriptedLlmServer start(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        try {
            return new ScriptedLlmServer(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the scripted LLM server to 127.0.0.1:" + port, e);
        }
    }

    /**
     * Starts a server on a free port with the rules of a script file ({@code .json}, or {@code
     * .yaml}/{@code .yml}); the format is described in {@code docs/scripted-server.md}.
     *
     * @throws ScriptException when the script is malformed, naming the file, line and key
     */
    public static ScriptedLlmServer fromScript(Path script) {
        return startWith(server -> server.loadScript(script));
    }

    /** As {@link #fromScript(Path)}, reading a classpath resource such as {@code scripts/support.json}. */
    public static ScriptedLlmServer fromScript(String classpathResource) {
        return startWith(server -> server.loadScript(classpathResource));
    }

    /** A started server with a script loaded, or none left running when the script fails to load. */
    private static ScriptedLlmServer startWith(Consumer<ScriptedLlmServer> loadScript) {
        ScriptedLlmServer server = start();
        try {
            loadScript.accept(server);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Adds the rules of a script file after the rules already registered. Nothing is added when the
     * script has an error.
     *
     * @throws ScriptException when the script is malformed, naming the file, line and key
     * @throws UncheckedIOException when the file cannot be read
     */
    public ScriptedLlmServer loadScript(Path script) {
        try (InputStream in = Files.newInputStream(script)) {
            return load(script.toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script [" + script + "]: " + e.getMessage(), e);
        }
    }

    /** As {@link #loadScript(Path)}, reading a classpath resource. */
    public ScriptedLlmServer loadScript(String classpathResource) {
        String name = classpathResource.startsWith("/") ? classpathResource.substring(1) : classpathResource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(name);
        if (in == null) {
            in = ScriptedLlmServer.class.getClassLoader().getResourceAsStream(name);
        }
        if (in == null) {
            throw new IllegalArgumentException(
                    "script resource [" + classpathResource + "] not found on the classpath");
        }
        try (InputStream stream = in) {
            return load(classpathResource, stream);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script [" + classpathResource + "]: " + e.getMessage(), e);
        }
    }

    private ScriptedLlmServer load(String source, InputStream in) throws IOException {
        String lower = source.toLowerCase(Locale.ROOT);
        ScriptReader.Script script = ScriptReader.read(source, in, lower.endsWith(".yaml") || lower.endsWith(".yml"));
        script.register(rules::add, rule -> fallback = rule);
        return this;
    }

    /** Starts a rule for chat requests matching {@code predicate}; see {@link RequestMatchers}. */
    public RuleBuilder when(Predicate<ScriptedRequest> predicate) {
        return new RuleBuilder(predicate, rules::add);
    }

    /** Starts a rule for chat requests whose last user message contains {@code text} (ignoring case). */
    public RuleBuilder whenUserContains(String text) {
        return when(RequestMatchers.userContains(text));
    }

    /**
     * Starts a rule for chat requests whose system prompt contains {@code text} (ignoring case): the
     * usual way to script a judge, whose system prompt carries the rubric.
     */
    public RuleBuilder whenSystemContains(String text) {
        return when(RequestMatchers.systemContains(text));
    }

    /** Starts a rule for every chat request (registered after more specific rules, it is a catch-all). */
    public RuleBuilder whenAnyRequest() {
        return when(RequestMatchers.anyRequest());
    }

    /**
     * Sets the rule that answers chat requests no other rule matches, replacing the default 404
     * error ("no script rule matched …").
     */
    public RuleBuilder otherwise() {
        return new RuleBuilder(RequestMatchers.anyRequest(), rule -> fallback = rule);
    }

    /** Base URL for OpenAI-compatible clients: {@code http://127.0.0.1:PORT/v1}. */
    public String openAiBaseUrl() {
        return baseUrl() + "/v1";
    }

    /** Base URL for Anthropic clients (which add {@code /v1/messages}): {@code http://127.0.0.1:PORT}. */
    public String anthropicBaseUrl() {
        return baseUrl();
    }

    /** The port bound on 127.0.0.1. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Every request received so far, in arrival order (a snapshot). */
    public List<ScriptedRequest> requests() {
        return List.copyOf(log);
    }

    /** How many requests were received so far, whatever their answer. */
    public int requestCount() {
        return log.size();
    }

    /**
     * The most requests that were in flight at the same moment. A request counts from its arrival until
     * just before the last bytes of its answer are written (for a stream: before its final event), so a
     * client that sends its next request as soon as it has read an answer is never counted twice.
     */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /** Clears the request log and the concurrency high-water mark; rules and their turn counters stay. */
    public void resetRequests() {
        log.clear();
        maxInFlight.set(inFlight.get());
    }

    /** Stops the server at once; streams in progress are cut. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.stop(0);
        executor.shutdownNow();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    // ---------------------------------------------------------------- request handling

    private void handle(HttpExchange exchange) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Flight flight = new Flight();
        flights.put(exchange, flight);
        int status = 500;
        ScriptedRequest request = null;
        boolean cut = false;
        try {
            request = receive(exchange);
            flight.request = request;
            status = serve(exchange, request);
        } catch (ConnectionCut e) {
            cut = true;
            status = 200;
        } catch (IOException e) {
            // the client went away: nothing left to send
        } catch (RuntimeException e) {
            status = 500;
            try {
                String message =
                        "the scripted server failed on this request (a rule's predicate or reply function may have thrown): "
                                + e;
                sendJson(
                        exchange,
                        500,
                        request != null && request.endpoint().isAnthropic()
                                ? AnthropicWire.error("api_error", message, "req_scripted_" + request.sequence())
                                : OpenAiWire.error("server_error", message, null, null),
                        Map.of());
            } catch (IOException | RuntimeException ignored) {
                // headers may already be sent
            }
        } finally {
            land(exchange, status);
            flights.remove(exchange);
            if (!cut) {
                exchange.close();
            }
        }
        if (cut) {
            throw new ConnectionCut();
        }
    }

    /**
     * Ends the request's flight just before its last bytes are written: a client that starts its next
     * request as soon as it has read an answer must never be counted twice by {@link
     * #maxConcurrentRequests()}.
     */
    private void land(HttpExchange exchange, int status) {
        Flight flight = flights.get(exchange);
        if (flight == null || !flight.landed.compareAndSet(false, true)) {
            return;
        }
        inFlight.decrementAndGet();
        PrintStream out = console;
        ScriptedRequest request = flight.request;
        if (out != null && request != null) {
            // Printed before the last bytes too, so the line exists once the client has its answer.
            out.println("#" + request.sequence() + " " + request.summary(consoleRedaction) + " -> " + status);
        }
    }

    private static final class Flight {
        final AtomicBoolean landed = new AtomicBoolean();
        volatile ScriptedRequest request;
    }

    /**
     * Thrown out of the handler to cut a response short. The JDK server closes the connection only
     * when a handler throws; closing a fixed-length body early would leave the client waiting.
     */
    private static final class ConnectionCut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectionCut() {
            super("scripted truncation: connection cut on purpose", null, false, false);
        }
    }

    private ScriptedRequest receive(HttpExchange exchange) throws IOException {
        String bodyText = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
        JsonNode body;
        try {
            body = bodyText.isBlank() ? MissingNode.getInstance() : JSON.readTree(bodyText);
        } catch (IOException e) {
            body = MissingNode.getInstance();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach(
                        (name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                                .addAll(values));
        headers.replaceAll((k, v) -> List.copyOf(v));
        String path = exchange.getRequestURI().getPath();
        ScriptedRequest request = new ScriptedRequest(
                sequence.incrementAndGet(),
                exchange.getRequestMethod(),
                path,
                endpointOf(path),
                Map.copyOf(headers),
                bodyText,
                body);
        log.add(request);
        return request;
    }

    static ScriptedRequest.Endpoint endpointOf(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (p.startsWith("/v1/")) {
            p = p.substring(3);
        }
        return switch (p) {
            case "/chat/completions" -> ScriptedRequest.Endpoint.OPENAI_CHAT_COMPLETIONS;
            case "/embeddings" -> ScriptedRequest.Endpoint.OPENAI_EMBEDDINGS;
            case "/messages" -> ScriptedRequest.Endpoint.ANTHROPIC_MESSAGES;
            default -> ScriptedRequest.Endpoint.UNKNOWN;
        };
    }

    private int serve(HttpExchange exchange, ScriptedRequest request) throws IOException {
        ScriptedRequest.Endpoint endpoint = request.endpoint();
        String requestId = "req_scripted_" + request.sequence();
        exchange.getResponseHeaders().set(endpoint.isAnthropic() ? "request-id" : "x-request-id", requestId);
        if (endpoint == ScriptedRequest.Endpoint.UNKNOWN) {
            return sendError(
                    exchange,
                    request,
                    requestId,
                    404,
                    "invalid_request_error",
                    "Unknown request URL: " + request.method() + " " + request.path()
                            + ". The scripted server serves POST /v1/chat/completions, /v1/embeddings and"
                            + " /v1/messages.",
                    null,
                    "unknown_url",
                    null);
        }
        if (!request.method().equals("POST")) {
            return sendError(
                    exchange,
                    request,
                    requestId,
                    405,
                    "invalid_request_error",
                    "Method " + request.method() + " not allowed on " + request.path() + "; use POST.",
                    null,
                    null,
                    null);
        }
        if (endpoint.isAnthropic()) {
            if (request.header("x-api-key").isEmpty()) {
                return sendError(
                        exchange,
                        request,
                        requestId,
                        401,
                        "authentication_error",
                        "x-api-key header is required",
                        null,
                        null,
                        null);
            }
            if (request.header("anthropic-version").isEmpty()) {
                return sendError(
                        exchange,
                        request,
                        requestId,
                        400,
                        "invalid_request_error",
                        "anthropic-version: header is required",
                        null,
                        null,
                        null);
            }
        }
        JsonNode body = request.body();
        if (!body.isObject()) {
            return sendError(
                    exchange,
                    request,
                    requestId,
                    400,
                    "invalid_request_error",
                    "The request body is not a JSON object.",
                    null,
                    null,
                    null);
        }
        String invalid = invalidField(endpoint, body);
        if (invalid != null) {
            String[] fieldAndMessage = invalid.split("\\|", 2);
            return sendError(
                    exchange,
                    request,
                    requestId,
                    400,
                    "invalid_request_error",
                    fieldAndMessage[1],
                    fieldAndMessage[0],
                    null,
                    null);
        }
        if (endpoint == ScriptedRequest.Endpoint.OPENAI_EMBEDDINGS) {
            return sendEmbeddings(exchange, body);
        }
        ScriptedRule rule = null;
        for (ScriptedRule candidate : rules) {
            if (candidate.matches(request)) {
                rule = candidate;
                break;
            }
        }
        if (rule == null) {
            rule = fallback;
        }
        if (rule == null) {
            return sendError(
                    exchange,
                    request,
                    requestId,
                    404,
                    endpoint.isAnthropic() ? "not_found_error" : "invalid_request_error",
                    "No scripted rule matched this request: " + request.summary()
                            + ". Add one with server.when(...) or to the script file"
                            + " (this is the scripted test server, not a real model).",
                    null,
                    "no_script_matched",
                    null);
        }
        Reply reply = rule.next(request);
        sleep(rule.delay());
        if (reply instanceof Reply.Error error) {
            String[] defaults = endpoint.isAnthropic()
                    ? AnthropicWire.defaultError(error.status())
                    : OpenAiWire.defaultError(error.status());
            String type = error.type() != null ? error.type() : defaults[0];
            String message = error.message() != null ? error.message() : defaults[defaults.length - 1];
            return sendError(
                    exchange,
                    request,
                    requestId,
                    error.status(),
                    type,
                    message,
                    null,
                    OpenAiWire.codeFor(error.status(), type),
                    error.retryAfter());
        }
        Answer answer = Answer.of(
                request, reply, request.sequence(), System.currentTimeMillis() / 1000, rule.cachedInputTokens());
        if (request.streaming()) {
            SseEvents events = endpoint.isAnthropic()
                    ? AnthropicWire.stream(answer)
                    : OpenAiWire.stream(
                            answer,
                            body.path("stream_options").path("include_usage").asBoolean(false));
            return sendStream(exchange, endpoint, events, rule);
        }
        ObjectNode json = endpoint.isAnthropic() ? AnthropicWire.message(answer) : OpenAiWire.completion(answer);
        if (rule.truncateStream()) {
            byte[] bytes = JSON.writeValueAsBytes(json);
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            OutputStream out = exchange.getResponseBody();
            land(exchange, 200);
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            throw new ConnectionCut();
        }
        return sendJson(exchange, 200, json, Map.of());
    }

    /** Which required field is missing or malformed, as {@code param|message}, or null. */
    private static String invalidField(ScriptedRequest.Endpoint endpoint, JsonNode body) {
        boolean anthropic = endpoint.isAnthropic();
        if (!body.path("model").isTextual() || body.path("model").asText().isBlank()) {
            return anthropic ? "model|model: Field required" : "model|you must provide a model parameter";
        }
        if (endpoint == ScriptedRequest.Endpoint.OPENAI_EMBEDDINGS) {
            JsonNode input = body.path("input");
            boolean strings = input.isArray() && !input.isEmpty();
            for (JsonNode item : input) {
                strings &= item.isTextual();
            }
            if (!input.isTextual() && !strings) {
                return "input|'input' must be a string or a non-empty array of strings"
                        + " (token arrays are not supported by the scripted server).";
            }
            JsonNode dimensions = body.path("dimensions");
            if (!dimensions.isMissingNode()
                    && !(dimensions.canConvertToInt() && dimensions.asInt() >= 1 && dimensions.asInt() <= 4096)) {
                return "dimensions|'dimensions' must be an integer in 1..4096.";
            }
            String format = body.path("encoding_format").asText("float");
            if (!format.equals("float") && !format.equals("base64")) {
                return "encoding_format|'encoding_format' must be 'float' or 'base64'.";
            }
            return null;
        }
        if (anthropic
                && !(body.path("max_tokens").canConvertToInt()
                        && body.path("max_tokens").asInt() >= 1)) {
            return "max_tokens|max_tokens: Field required";
        }
        if (!body.path("messages").isArray()) {
            return anthropic ? "messages|messages: Field required" : "messages|Missing required parameter: 'messages'.";
        }
        if (body.path("messages").isEmpty()) {
            return anthropic
                    ? "messages|messages: at least one message is required"
                    : "messages|Invalid 'messages': empty array. Expected an array with minimum length 1.";
        }
        return null;
    }

    private int sendEmbeddings(HttpExchange exchange, JsonNode body) throws IOException {
        JsonNode input = body.path("input");
        List<String> inputs = new ArrayList<>();
        if (input.isTextual()) {
            inputs.add(input.asText());
        } else {
            input.forEach(item -> inputs.add(item.asText()));
        }
        int dimensions = body.path("dimensions").asInt(DEFAULT_EMBEDDING_DIMENSIONS);
        boolean base64 = body.path("encoding_format").asText("float").equals("base64");
        return sendJson(
                exchange,
                200,
                OpenAiWire.embeddings(body.path("model").asText(), inputs, dimensions, base64),
                Map.of());
    }

    private int sendStream(
            HttpExchange exchange, ScriptedRequest.Endpoint endpoint, SseEvents events, ScriptedRule rule)
            throws IOException {
        exchange.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("cache-control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        Reply.Error streamError = rule.streamError();
        if (streamError != null) {
            int half = (events.content().size() + 1) / 2;
            write(out, events.content().subList(0, half));
            land(exchange, 200);
            write(
                    out,
                    List.of(
                            endpoint.isAnthropic()
                                    ? AnthropicWire.streamError(streamError.type(), streamError.message())
                                    : OpenAiWire.streamError(streamError.type(), streamError.message())));
        } else {
            if (rule.truncateStream()) {
                land(exchange, 200);
                write(out, events.content());
            } else {
                write(out, events.content());
                List<String> terminal = events.terminal();
                write(out, terminal.subList(0, terminal.size() - 1));
                land(exchange, 200);
                write(out, terminal.subList(terminal.size() - 1, terminal.size()));
            }
        }
        out.close();
        return 200;
    }

    private static void write(OutputStream out, List<String> events) throws IOException {
        for (String event : events) {
            out.write(event.getBytes(UTF_8));
            out.flush();
        }
    }

    private int sendError(
            HttpExchange exchange,
            ScriptedRequest request,
            String requestId,
            int status,
            String type,
            String message,
            String param,
            String code,
            Duration retryAfter)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (retryAfter != null) {
            long millis = retryAfter.toMillis();
            headers.put("retry-after", Long.toString((millis + 999) / 1000));
            headers.put("retry-after-ms", Long.toString(millis));
        }
        if (request.endpoint().isAnthropic()) {
            headers.put(
                    "x-should-retry",
                    Boolean.toString(status == 408 || status == 409 || status == 429 || status >= 500));
            return sendJson(exchange, status, AnthropicWire.error(type, message, requestId), headers);
        }
        return sendJson(exchange, status, OpenAiWire.error(type, message, param, code), headers);
    }

    private int sendJson(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("content-type", "application/json");
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            land(exchange, status);
            out.write(bytes);
        }
        return status;
    }

    private static void sleep(Duration delay) throws IOException {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while delaying a scripted answer", e);
        }
    }

    // ---------------------------------------------------------------- command line

    /**
     * Runs the server from the command line until the process is stopped, printing its base URLs and
     * one line per request:
     *
     * <pre>
     * java -cp junit-llm-extension.jar:... dev.junitllm.testkit.ScriptedLlmServer --port 8089 --script script.json
     * </pre>
     *
     * Options: {@code --port N} (default 0, a free port), {@code --script FILE} (.json/.yaml),
     * {@code --quiet} (no per-request lines), {@code --help}. Exit status 2 on bad arguments or a
     * malformed script.
     */
    public static void main(String[] args) throws InterruptedException {
        Cli.Options options;
        try {
            options = Cli.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Cli.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(Cli.USAGE);
            return;
        }
        ScriptedLlmServer server;
        try {
            server = options.script() == null
                    ? start(options.port())
                    : start(options.port()).loadScriptOrClose(options.script());
        } catch (ScriptException | UncheckedIOException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(server.banner(options.script()));
        if (!options.quiet()) {
            server.logTo(System.out, System.getenv());
        }
        new CountDownLatch(1).await();
    }

    private ScriptedLlmServer loadScriptOrClose(Path script) {
        try {
            return loadScript(script);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    String banner(Path script) {
        return "junit-llm ScriptedLlmServer: scripted answers only, NOT a real model"
                + (script == null
                        ? " (no script: every chat request gets the no-match error)"
                        : " (script " + script + ")")
                + System.lineSeparator() + "OpenAI base URL:    " + openAiBaseUrl()
                + System.lineSeparator() + "Anthropic base URL: " + anthropicBaseUrl();
    }

    void logTo(PrintStream out) {
        this.console = out;
    }

    /** Logs to {@code out}, hiding the API keys of {@code environment} and credential headers. */
    void logTo(PrintStream out, Map<String, String> environment) {
        this.consoleRedaction = LogRedaction.of(environment);
        this.console = out;
    }
}
