package dev.junitllm.testkit;

import java.util.List;

/**
 * A rendered stream, split so the server can drop the terminal events ({@code truncateStream}) or
 * cut into the content ({@code failMidStream}).
 */
record SseEvents(List<String> content, List<String> terminal) {}
