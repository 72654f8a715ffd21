package dev.junitllm.internal.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.LlmFault;
import dev.junitllm.internal.client.Exchange;
import dev.junitllm.internal.client.SseEvent;
import dev.junitllm.internal.util.JsonLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What each provider sends when it fails, in its documented wire format: error bodies
 * ({@code {"error":{"message","type","param","code"}}} for OpenAI and OpenAI-compatible servers,
 * {@code {"type":"error","error":{"type","message"},"request_id"}} for Anthropic), their headers
 * ({@code retry-after}, the request id, rate-limit headers), a content-filtered answer (OpenAI
 * {@code finish_reason: "content_filter"}, Anthropic {@code stop_reason: "refusal"}) and a malformed
 * one. Every message says that junit-llm injected it, so nobody mistakes it for a real outage.
 */
public final class ProviderFaults {
    private static final ObjectMapper MAPPER = JsonLimits.mapper();
    private static final AtomicLong IDS = new AtomicLong();
    private static final String INJECTED = " (injected by junit-llm @LlmFault)";

    private ProviderFaults() {}

    /** An HTTP error answer. */
    public record HttpError(int status, Map<String, String> headers, String body) {}

    static boolean anthropic(Exchange exchange) {
        return exchange.model().provider().equals("anthropic");
    }

    /** Whether the fault is answered with an HTTP error status. */
    public static boolean isHttpError(LlmFault.Kind kind) {
        return switch (kind) {
            case RATE_LIMITED, QUOTA_EXHAUSTED, SERVER_ERROR, SERVICE_UNAVAILABLE, OVERLOADED -> true;
            default -> false;
        };
    }

    /** The error answer of an HTTP-status fault. */
    public static HttpError httpError(FaultSpec fault, Exchange exchange) {
        boolean anthropic = anthropic(exchange);
        String model = exchange.model().model();
        String requestId = (anthropic ? "req_junitllm_fault_" : "req-junitllm-fault-") + IDS.incrementAndGet();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put(anthropic ? "request-id" : "x-request-id", requestId);
        int status;
        String type;
        String code = null;
        String message;
        switch (fault.kind()) {
            case RATE_LIMITED -> {
                status = 429;
                if (anthropic) {
                    type = "rate_limit_error";
                    message = "This request would exceed the rate limit for your organization of 50 requests per"
                            + " minute for " + model + ". Please wait before trying again.";
                    headers.put("anthropic-ratelimit-requests-limit", "50");
                    headers.put("anthropic-ratelimit-requests-remaining", "0");
                } else {
                    type = "requests";
                    code = "rate_limit_exceeded";
                    message = "Rate limit reached for " + model + " on requests per min (RPM): Limit 500, Used"
                            + " 500, Requested 1. Please try again later.";
                    headers.put("x-ratelimit-limit-requests", "500");
                    headers.put("x-ratelimit-remaining-requests", "0");
                }
            }
            case QUOTA_EXHAUSTED -> {
                if (anthropic) {
                    status = 402;
                    type = "billing_error";
                    message = "Your credit balance is too low to access the Anthropic API. Please go to Plans &"
                            + " Billing to upgrade or purchase credits.";
                } else {
                    status = 429;
                    type = "insufficient_quota";
                    code = "insufficient_quota";
                    message = "You exceeded your current quota, please check your plan and billing details.";
                }
            }
            case SERVER_ERROR -> {
                status = 500;
                type = anthropic ? "api_error" : "server_error";
                message = anthropic
                        ? "Internal server error"
                        : "The server had an error while processing your request. Sorry about that!";
            }
            case SERVICE_UNAVAILABLE -> {
                status = 503;
                type = anthropic ? "api_error" : "server_error";
                message = anthropic ? "Service unavailable" : "Slow Down: please reduce your request rate.";
            }
            case OVERLOADED -> {
                status = anthropic ? 529 : 503;
                type = anthropic ? "overloaded_error" : "server_error";
                message = anthropic ? "Overloaded" : "The engine is currently overloaded, please try again later.";
            }
            default -> throw new IllegalArgumentException(fault.kind() + " is not an HTTP error");
        }
        if (fault.retryAfter() >= 0 && fault.kind() != LlmFault.Kind.QUOTA_EXHAUSTED) {
            headers.put("retry-after", Integer.toString(fault.retryAfter()));
        }
        ObjectNode body = MAPPER.createObjectNode();
        if (anthropic) {
            body.put("type", "error");
            body.putObject("error").put("type", type).put("message", message + INJECTED);
            body.put("request_id", requestId);
        } else {
            ObjectNode error = body.putObject("error");
            error.put("message", message + INJECTED).put("type", type).putNull("param");
            if (code == null) {
                error.putNull("code");
            } else {
                error.put("code", code);
            }
        }
        return new HttpError(status, Map.copyOf(headers), body.toString());
    }

    /** A complete answer stopped by the provider's safety system, with no content and no usage reported. */
    public static JsonNode contentFilterBody(Exchange exchange) {
        String model = exchange.model().model();
        ObjectNode body = MAPPER.createObjectNode();
        if (anthropic(exchange)) {
            body.put("id", "msg_junitllm_fault_" + IDS.incrementAndGet())
                    .put("type", "message")
                    .put("role", "assistant")
                    .put("model", model);
            body.putArray("content");
            body.put("stop_reason", "refusal").putNull("stop_sequence");
            body.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
            return body;
        }
        body.put("id", "chatcmpl-junitllm-fault-" + IDS.incrementAndGet())
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", model);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").putNull("content").putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "content_filter");
        return body;
    }

    /** The same as a stream, terminal event included. */
    public static List<SseEvent> contentFilterEvents(Exchange exchange) {
        String model = exchange.model().model();
        if (anthropic(exchange)) {
            ObjectNode start = MAPPER.createObjectNode().put("type", "message_start");
            ObjectNode message = start.putObject("message");
            message.put("id", "msg_junitllm_fault_" + IDS.incrementAndGet())
                    .put("type", "message")
                    .put("role", "assistant")
                    .put("model", model);
            message.putArray("content");
            message.putNull("stop_reason").putNull("stop_sequence");
            message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
            ObjectNode delta = MAPPER.createObjectNode().put("type", "message_delta");
            delta.putObject("delta").put("stop_reason", "refusal").putNull("stop_sequence");
            delta.putObject("usage").put("output_tokens", 0);
            return List.of(
                    new SseEvent("message_start", start.toString()),
                    new SseEvent("message_delta", delta.toString()),
                    new SseEvent("message_stop", "{\"type\":\"message_stop\"}"));
        }
        String id = "chatcmpl-junitllm-fault-" + IDS.incrementAndGet();
        long created = System.currentTimeMillis() / 1000;
        ObjectNode first = chunk(id, created, model);
        ((ObjectNode) first.withArray("choices").get(0))
                .putObject("delta")
                .put("role", "assistant")
                .put("content", "");
        ObjectNode last = chunk(id, created, model);
        ObjectNode choice = (ObjectNode) last.withArray("choices").get(0);
        choice.putObject("delta");
        choice.put("finish_reason", "content_filter");
        return List.of(
                new SseEvent(null, first.toString()),
                new SseEvent(null, last.toString()),
                new SseEvent(null, "[DONE]"));
    }

    private static ObjectNode chunk(String id, long created, String model) {
        ObjectNode chunk = MAPPER.createObjectNode()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", model);
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        return chunk;
    }

    /** A body that starts as the provider's answer and breaks off inside a string: not valid JSON. */
    public static String malformedBody(Exchange exchange) {
        return anthropic(exchange)
                ? "{\"id\":\"msg_junitllm_fault\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":"
                        + "\"text\",\"text\":\"The refund win"
                : "{\"id\":\"chatcmpl-junitllm-fault\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"The refund win";
    }

    /** A stream whose first event's data is not valid JSON, then its terminal event. */
    public static List<SseEvent> malformedEvents(Exchange exchange) {
        if (anthropic(exchange)) {
            return List.of(
                    new SseEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_junitllm_"),
                    new SseEvent("message_stop", "{\"type\":\"message_stop\"}"));
        }
        return List.of(
                new SseEvent(null, "{\"id\":\"chatcmpl-junitllm-fault\",\"object\":\"chat.completion.chunk\",\"choi"),
                new SseEvent(null, "[DONE]"));
    }

    /** How many events a stream cut lets through. */
    public static int eventsBeforeCut(FaultSpec fault, int events) {
        int keep = fault.afterEvents() >= 0 ? fault.afterEvents() : events / 2;
        return Math.min(keep, Math.max(events - 1, 0)); // a cut always loses at least the terminal event
    }

    /** The default wait of a slow first token. */
    public static Duration slowFirstTokenDelay(FaultSpec fault) {
        return fault.delay() != null ? fault.delay() : Duration.ofSeconds(2);
    }

    /** What fired, as recorded with the call: {@code rate_limited: HTTP 429 (@LlmFault(...) on X#y)}. */
    public static String describe(FaultSpec fault, String what) {
        return fault.name() + ": " + what;
    }
}
