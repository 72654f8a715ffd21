package dev.junitllm.internal.client;

/**
 * One server-sent event as it came over the wire: the {@code event:} name (null when the stream
 * sends only {@code data:} lines, as OpenAI does) and the {@code data:} payload.
 */
public record SseEvent(String event, String data) {}
