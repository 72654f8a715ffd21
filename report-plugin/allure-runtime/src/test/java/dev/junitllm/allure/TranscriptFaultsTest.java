package dev.junitllm.allure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The Allure test page's transcript shows which injected faults fired on each call, escaped. */
class TranscriptFaultsTest {

    @Test
    void listsTheInjectedFaultsOfEachCallUnderIt() throws Exception {
        String html = Transcript.html(
                new ObjectMapper()
                        .readTree(
                                "{\"displayName\":\"storm\",\"status\":\"passed\",\"samples\":[{\"index\":0,\"passed\":true,"
                                        + "\"calls\":[{\"role\":\"model\",\"model\":\"openai:gpt-4o-mini\",\"error\":\"HTTP 429\","
                                        + "\"faults\":[\"rate_limited: HTTP 429, retry-after 0\",\"stream_cut: <b>cut</b>\"]},"
                                        + "{\"role\":\"model\",\"model\":\"anthropic:claude-haiku-4-5\",\"response\":\"30 days\"}]}]}"));

        assertThat(html)
                .contains(
                        "injected faults (@LlmFault): rate_limited: HTTP 429, retry-after 0; stream_cut: &lt;b&gt;cut")
                .doesNotContain("<b>cut</b>");
        assertThat(html.split("injected faults", -1))
                .as("only the faulted call has the row")
                .hasSize(2);
    }
}
