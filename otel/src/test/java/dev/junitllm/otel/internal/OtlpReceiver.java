package dev.junitllm.otel.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1: accepts {@code POST /v1/traces} in {@code http/protobuf}
 * and decodes just what the tests read (resource attributes, span ids, names and attributes) with a
 * minimal protobuf reader following opentelemetry-proto's field numbers.
 */
final class OtlpReceiver implements AutoCloseable {

    record ReceivedSpan(
            String name,
            String spanId,
            String parentSpanId,
            Map<String, String> attributes,
            Map<String, String> resource) {}

    private final HttpServer server;
    final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                if (!exchange.getRequestMethod().equals("POST")) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                decodeRequest(in.readAllBytes());
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ExportTraceServiceRequest { 1: repeated ResourceSpans }
    private void decodeRequest(byte[] body) {
        for (Field resourceSpans : fields(body)) {
            if (resourceSpans.number() != 1) continue;
            Map<String, String> resource = new LinkedHashMap<>();
            List<byte[]> scopeSpans = new ArrayList<>();
            // ResourceSpans { 1: Resource { 1: repeated KeyValue }, 2: repeated ScopeSpans }
            for (Field f : fields(resourceSpans.bytes())) {
                if (f.number() == 1) {
                    for (Field kv : fields(f.bytes())) {
                        if (kv.number() == 1) put(resource, kv.bytes());
                    }
                } else if (f.number() == 2) {
                    scopeSpans.add(f.bytes());
                }
            }
            // ScopeSpans { 2: repeated Span }
            for (byte[] scope : scopeSpans) {
                for (Field span : fields(scope)) {
                    if (span.number() == 2) spans.add(decodeSpan(span.bytes(), resource));
                }
            }
        }
    }

    // Span { 2: span_id, 4: parent_span_id, 5: name, 9: repeated KeyValue }
    private static ReceivedSpan decodeSpan(byte[] span, Map<String, String> resource) {
        String name = null;
        String id = "";
        String parent = "";
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Field f : fields(span)) {
            switch (f.number()) {
                case 2 -> id = HexFormat.of().formatHex(f.bytes());
                case 4 -> parent = HexFormat.of().formatHex(f.bytes());
                case 5 -> name = new String(f.bytes(), StandardCharsets.UTF_8);
                case 9 -> put(attributes, f.bytes());
                default -> {}
            }
        }
        return new ReceivedSpan(name, id, parent, attributes, resource);
    }

    // KeyValue { 1: key, 2: AnyValue { 1: string, 2: bool, 3: int, 4: double } }
    private static void put(Map<String, String> into, byte[] keyValue) {
        String key = null;
        String value = null;
        for (Field f : fields(keyValue)) {
            if (f.number() == 1) {
                key = new String(f.bytes(), StandardCharsets.UTF_8);
            } else if (f.number() == 2) {
                for (Field v : fields(f.bytes())) {
                    value = switch (v.number()) {
                        case 1 -> new String(v.bytes(), StandardCharsets.UTF_8);
                        case 2 -> Boolean.toString(v.varint() != 0);
                        case 3 -> Long.toString(v.varint());
                        case 4 -> Double.toString(Double.longBitsToDouble(v.varint()));
                        default -> "<" + v.number() + ">";
                    };
                }
            }
        }
        into.put(key, value);
    }

    /** A protobuf field: varints and fixed-width values in {@code varint}, length-delimited ones in {@code bytes}. */
    record Field(int number, long varint, byte[] bytes) {}

    static List<Field> fields(byte[] message) {
        List<Field> out = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            long tag = varint(message, at);
            int number = (int) (tag >>> 3);
            int type = (int) (tag & 7);
            switch (type) {
                case 0 -> out.add(new Field(number, varint(message, at), null));
                case 1 -> out.add(new Field(number, fixed(message, at, 8), null));
                case 5 -> out.add(new Field(number, fixed(message, at, 4), null));
                case 2 -> {
                    int length = (int) varint(message, at);
                    byte[] bytes = java.util.Arrays.copyOfRange(message, at[0], at[0] + length);
                    at[0] += length;
                    out.add(new Field(number, 0, bytes));
                }
                default -> throw new IllegalArgumentException("unsupported wire type " + type + " at " + at[0]);
            }
        }
        return out;
    }

    private static long varint(byte[] b, int[] at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte next = b[at[0]++];
            value |= (long) (next & 0x7f) << shift;
            if (next >= 0) return value;
        }
    }

    private static long fixed(byte[] b, int[] at, int width) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            value |= (long) (b[at[0]++] & 0xff) << (8 * i);
        }
        return value;
    }
}
