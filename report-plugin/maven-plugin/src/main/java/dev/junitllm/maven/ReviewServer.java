package dev.junitllm.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.junitllm.report.GoldenPromotion;
import dev.junitllm.report.ReviewQueue;
import dev.junitllm.results.HumanLabel;
import dev.junitllm.results.LabelsFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The review page's server: the page itself (one HTML file, no network, no CDN), the queue, and the
 * endpoints that write labels to the dataset's labels file and promote an answer to golden. It listens
 * on the loopback interface only, answers only requests addressed to it by host (no DNS rebinding), and
 * takes writes only with the random token embedded in the page it served (no cross-site posts).
 *
 * <pre>{@code
 * try (ReviewServer server = new ReviewServer(queue, labelsDir, datasets::resolve, "ana", LocalDate::now)) {
 *     URI page = server.start(0);
 *     server.awaitFinish(0);
 * }
 * }</pre>
 */
final class ReviewServer implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<ReviewQueue.Item> queue;
    private final Path labelsDir;
    private final Function<String, Path> datasetFile;
    private final String reviewer;
    private final Supplier<LocalDate> today;
    private final String token;
    private final Map<Integer, String> labelled = new ConcurrentHashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private HttpServer server;
    private int port;

    /**
     * @param datasetFile the dataset file of a dataset resource path (for promotion)
     * @param reviewer the reviewer name the page starts with, may be null
     */
    ReviewServer(
            List<ReviewQueue.Item> queue,
            Path labelsDir,
            Function<String, Path> datasetFile,
            String reviewer,
            Supplier<LocalDate> today) {
        this.queue = List.copyOf(queue);
        this.labelsDir = labelsDir;
        this.datasetFile = datasetFile;
        this.reviewer = reviewer;
        this.today = today;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.token = HexFormat.of().formatHex(random);
    }

    /** Starts listening on 127.0.0.1 ({@code port} 0: any free port) and returns the page's address. */
    URI start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.start();
        this.port = server.getAddress().getPort();
        return URI.create("http://127.0.0.1:" + this.port + "/");
    }

    /** Waits until the reviewer presses Finish; {@code minutes <= 0} waits without limit. */
    boolean awaitFinish(long minutes) throws InterruptedException {
        if (minutes <= 0) {
            finished.await();
            return true;
        }
        return finished.await(minutes, TimeUnit.MINUTES);
    }

    /** How many answers were labelled in this review. */
    int labelledCount() {
        return labelled.size();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (host == null || !(host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port))) {
                send(exchange, 403, "text/plain", "the review page answers only at 127.0.0.1:" + port);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("/")) {
                send(exchange, 200, "text/html; charset=utf-8", page());
            } else if (method.equals("GET") && path.equals("/api/queue")) {
                sendJson(exchange, 200, queueJson());
            } else if (method.equals("POST") && path.startsWith("/api/")) {
                if (!token.equals(exchange.getRequestHeaders().getFirst("X-Review-Token"))) {
                    sendJson(exchange, 403, error("missing or wrong review token: reload the page"));
                    return;
                }
                JsonNode body = readBody(exchange);
                switch (path) {
                    case "/api/label" -> sendJson(exchange, 200, label(body));
                    case "/api/promote" -> sendJson(exchange, 200, promote(body));
                    case "/api/finish" -> {
                        sendJson(exchange, 200, MAPPER.createObjectNode().put("labelled", labelled.size()));
                        finished.countDown();
                    }
                    default -> sendJson(exchange, 404, error("no such endpoint " + path));
                }
            } else {
                send(exchange, 404, "text/plain", "not found");
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            sendJson(exchange, 400, error(e.getMessage()));
        }
    }

    private ObjectNode queueJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("reviewer", reviewer);
        root.put("labelsDir", labelsDir.toString());
        ArrayNode items = root.putArray("items");
        for (int i = 0; i < queue.size(); i++) {
            ObjectNode item = queue.get(i).json();
            item.put("index", i);
            String label = labelled.get(i);
            if (label != null) {
                item.put("label", label);
            }
            items.add(item);
        }
        return root;
    }

    private ObjectNode label(JsonNode body) {
        ReviewQueue.Item item = item(body);
        String verdict = body.path("label").asText();
        String who = body.path("reviewer").asText("").strip();
        if (who.isEmpty()) {
            throw new IllegalArgumentException("a label needs a reviewer name");
        }
        String note = body.path("note").isTextual() ? body.path("note").asText().strip() : null;
        HumanLabel label = new HumanLabel(
                item.caseId(),
                item.criterion(),
                item.answerHash(),
                verdict,
                note,
                who,
                today.get().toString(),
                item.model());
        synchronized (this) {
            LabelsFile.upsert(labelsDir.resolve(LabelsFile.relativePath(item.dataset())), List.of(label));
        }
        labelled.put(body.path("index").asInt(), verdict);
        return MAPPER.createObjectNode().put("labelled", labelled.size()).put("total", queue.size());
    }

    private ObjectNode promote(JsonNode body) {
        ReviewQueue.Item item = item(body);
        if (!HumanLabel.PASS.equals(labelled.get(body.path("index").asInt()))) {
            throw new IllegalArgumentException("label the answer pass before promoting it to golden");
        }
        if (item.answer() == null) {
            throw new IllegalArgumentException("no answer text to promote for case " + item.caseId());
        }
        Path file = datasetFile.apply(item.dataset());
        synchronized (this) {
            GoldenPromotion.promote(file, item.caseId(), item.answer());
        }
        return MAPPER.createObjectNode().put("promoted", true).put("dataset", file.toString());
    }

    private ReviewQueue.Item item(JsonNode body) {
        JsonNode index = body.path("index");
        if (!index.canConvertToInt() || index.asInt() < 0 || index.asInt() >= queue.size()) {
            throw new IllegalArgumentException("no queue item " + index);
        }
        return queue.get(index.asInt());
    }

    private String page() {
        try (InputStream in = ReviewServer.class.getResourceAsStream("review/review.html")) {
            if (in == null) {
                throw new IllegalStateException("review.html is missing from the plugin jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("__TOKEN__", token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readNBytes(1 << 20);
        if (bytes.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("request body is not JSON");
        }
    }

    private static ObjectNode error(String message) {
        return MAPPER.createObjectNode().put("error", message);
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode json) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", MAPPER.writeValueAsString(json));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self' 'unsafe-inline'");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
