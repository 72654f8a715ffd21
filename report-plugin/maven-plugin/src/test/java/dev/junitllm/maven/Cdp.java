package dev.junitllm.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over the DevTools protocol (a WebSocket, the JDK's own client): real mouse
 * clicks and key presses at the page, as a reviewer's would be, and screenshots.
 */
final class Cdp implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private Cdp(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    static Cdp launch(Path chromium, Path profile) throws Exception {
        List<String> command = Chromium.command(chromium, profile);
        command.addAll(List.of(
                "--window-size=1400,900",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "about:blank"));
        Process process = new ProcessBuilder(command).start();
        BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String browserUrl = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline && (line = err.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                browserUrl = m.group(1);
                break;
            }
        }
        if (browserUrl == null) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not open its DevTools port: " + seen);
        }
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // keep the pipe from filling up
                }
            } catch (IOException ignored) {
                // chromium exited
            }
        });
        drain.setDaemon(true);
        drain.start();
        URI browser = URI.create(browserUrl);
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(
                        HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        String pageUrl = null;
        for (JsonNode target : MAPPER.readTree(list)) {
            if (target.path("type").asText().equals("page")) {
                pageUrl = target.path("webSocketDebuggerUrl").asText();
                break;
            }
        }
        if (pageUrl == null) {
            process.destroyForcibly();
            throw new AssertionError("chromium has no page target: " + list);
        }
        Cdp[] self = new Cdp[1];
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(pageUrl), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            String message = text.toString();
                            text.setLength(0);
                            self[0].receive(message);
                        }
                        ws.request(1);
                        return null;
                    }
                })
                .get(30, TimeUnit.SECONDS);
        Cdp cdp = new Cdp(process, socket);
        self[0] = cdp;
        return cdp;
    }

    private void receive(String message) {
        try {
            JsonNode json = MAPPER.readTree(message);
            if (json.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(json.get("id").asInt());
                if (f != null) {
                    if (json.has("error")) {
                        f.completeExceptionally(new AssertionError("CDP error: " + json.get("error")));
                    } else {
                        f.complete(json.path("result"));
                    }
                }
            }
        } catch (IOException e) {
            // not JSON: ignore
        }
    }

    JsonNode send(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode message = MAPPER.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? MAPPER.createObjectNode() : params);
        socket.sendText(MAPPER.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        return f.get(30, TimeUnit.SECONDS);
    }

    void navigate(String url) throws Exception {
        send("Page.navigate", MAPPER.createObjectNode().put("url", url));
    }

    /** The value of a JavaScript expression in the page. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = send(
                "Runtime.evaluate",
                MAPPER.createObjectNode()
                        .put("expression", expression)
                        .put("returnByValue", true)
                        .put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("page threw: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    String text(String selector) throws Exception {
        return eval("(function(){var e=document.querySelector(" + MAPPER.writeValueAsString(selector)
                        + ");return e?e.textContent:null;})()")
                .asText(null);
    }

    void waitUntil(String description, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + description);
    }

    boolean evalTrue(String expression) {
        try {
            return eval(expression).asBoolean(false);
        } catch (Exception | AssertionError notYet) {
            // e.g. the page is still loading and has no body yet
            return false;
        }
    }

    /** A left click at the middle of the element, as a mouse does it. */
    void click(String selector) throws Exception {
        JsonNode box = eval("(function(){var e=document.querySelector(" + MAPPER.writeValueAsString(selector)
                + ");if(!e)return null;e.scrollIntoView({block:'center'});var r=e.getBoundingClientRect();"
                + "return {x:r.left+r.width/2,y:r.top+r.height/2};})()");
        if (box.isNull() || box.isMissingNode()) {
            throw new AssertionError("no element " + selector + " to click");
        }
        double x = box.path("x").asDouble();
        double y = box.path("y").asDouble();
        send("Input.dispatchMouseEvent", mouse("mouseMoved", x, y));
        send("Input.dispatchMouseEvent", mouse("mousePressed", x, y));
        send("Input.dispatchMouseEvent", mouse("mouseReleased", x, y));
    }

    private static ObjectNode mouse(String type, double x, double y) {
        ObjectNode p = MAPPER.createObjectNode().put("type", type).put("x", x).put("y", y);
        if (!type.equals("mouseMoved")) {
            p.put("button", "left").put("clickCount", 1);
        }
        return p;
    }

    /** A key press: a one-character key types it, others ("Escape", "ArrowRight") are pressed. */
    void key(String key) throws Exception {
        ObjectNode down = MAPPER.createObjectNode().put("type", key.length() == 1 ? "keyDown" : "rawKeyDown");
        down.put("key", key);
        if (key.length() == 1) {
            down.put("text", key).put("code", "Key" + key.toUpperCase(java.util.Locale.ROOT));
            down.put("windowsVirtualKeyCode", (int)
                    key.toUpperCase(java.util.Locale.ROOT).charAt(0));
        } else if (key.equals("Escape")) {
            down.put("code", "Escape").put("windowsVirtualKeyCode", 27);
        }
        send("Input.dispatchKeyEvent", down);
        ObjectNode up = down.deepCopy().put("type", "keyUp");
        up.remove("text");
        send("Input.dispatchKeyEvent", up);
    }

    /** Types text into the focused element. */
    void type(String text) throws Exception {
        send("Input.insertText", MAPPER.createObjectNode().put("text", text));
    }

    void screenshot(Path png) throws Exception {
        JsonNode r = send("Page.captureScreenshot", MAPPER.createObjectNode().put("format", "png"));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static Duration timeout() {
        return Duration.ofSeconds(20);
    }
}
