package dev.junitllm.internal.cassette;

import dev.junitllm.internal.client.Exchange;
import dev.junitllm.internal.client.WireBodies;
import dev.junitllm.internal.util.Text;

/** The one-line description of a request used in messages: model and the last user text. */
final class RequestSummary {
    private static final int MAX_TEXT = 80;

    private RequestSummary() {}

    static String of(Exchange exchange) {
        String text = WireBodies.lastUserText(exchange.body());
        return exchange.model() + " " + exchange.role().wireName() + " " + exchange.path()
                + (exchange.streaming() ? " (stream)" : "")
                + (text == null ? "" : " \"" + Text.abbreviate(text, MAX_TEXT) + "\"");
    }
}
