package dev.junitllm.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.CallRole;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.ModelId;
import dev.junitllm.internal.cost.Budget;
import dev.junitllm.internal.cost.PriceTable;
import dev.junitllm.internal.results.CallRecord;
import dev.junitllm.internal.results.CaseRecord;
import dev.junitllm.internal.results.LedgerResults;
import dev.junitllm.internal.results.RunLedger;
import dev.junitllm.results.ResultsWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A call whose provider reported no usage has unknown tokens and unknown cost, never 0 and free. */
class UnknownUsageTest {
    /** What an OpenAI-compatible server streams when the request has no {@code stream_options.include_usage}. */
    static final String STREAM_WITHOUT_USAGE = """
            data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}

            data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

            data: [DONE]

            """;

    @RegisterExtension
    final Fixture f = new Fixture();

    @Test
    void throughTheClient() {
        f.server.enqueue(Fixture.sse(STREAM_WITHOUT_USAGE));

        LlmResponse response = f.client("openai:gpt-4o-mini").chatStream(LlmRequest.ofUser("hi"), d -> {});

        assertThat(response.text()).isEqualTo("Hi");
        assertThat(response.costUsd()).isEmpty();
        assertUnknownInResults(f.calls.get(0));
    }

    @Test
    void throughTheProxy() {
        Exchange exchange = new Exchange(
                ModelId.parse("openai:gpt-4o-mini"),
                CallRole.MODEL,
                "/chat/completions",
                (com.fasterxml.jackson.databind.node.ObjectNode)
                        Json.tryParse(
                                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                true);
        List<SseEvent> events = STREAM_WITHOUT_USAGE
                .lines()
                .filter(l -> l.startsWith("data: "))
                .map(l -> new SseEvent(null, l.substring(6)))
                .toList();
        ExchangeResult result =
                new ExchangeResult(200, null, events, null, Duration.ofMillis(5), null, Instant.now(), false);

        CallRecord call =
                ProxiedCalls.record(exchange, result, Instant.now(), PriceTable.bundled(), Budget.unlimited());

        assertUnknownInResults(call);
    }

    private static void assertUnknownInResults(CallRecord call) {
        assertThat(call.costUsd()).isNull();
        assertThat(call.error()).isNull();
        RunLedger ledger = new RunLedger("record", null, "2026-01-01", (String) null);
        CaseRecord record = new CaseRecord(
                "dev.example.T#t[1]",
                "dev.example.T",
                "t",
                "[engine:x]",
                "t()",
                "openai:gpt-4o-mini",
                null,
                null,
                1,
                1.0);
        ledger.add(record);
        record.startSample().addCall(call);
        record.currentSample().finish(true, null);
        record.finish(CaseRecord.Status.PASSED, null);

        JsonNode document = ResultsWriter.toTree(LedgerResults.of(ledger, Instant.now(), text -> text));

        assertThat(document.findValues("unknownPriceCalls"))
                .as("unknownPriceCalls in %s", document)
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.asInt()).isEqualTo(1));
        JsonNode callNode = document.findValues("samples").stream()
                .filter(JsonNode::isArray)
                .findFirst()
                .orElseThrow()
                .get(0)
                .get("calls")
                .get(0);
        assertThat(callNode.get("tokens").isNull())
                .as("the call's tokens in %s", document)
                .isTrue();
    }
}
