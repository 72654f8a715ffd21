package dev.junitllm.testkit;

import static dev.junitllm.testkit.Http.anthropic;
import static dev.junitllm.testkit.Http.json;
import static dev.junitllm.testkit.Http.openAi;
import static dev.junitllm.testkit.Http.openAiContent;
import static dev.junitllm.testkit.ScriptingTest.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptFileTest {

    @TempDir
    Path dir;

    @Test
    void everyKeyOfTheJsonFormatWorks() {
        try (ScriptedLlmServer server = ScriptedLlmServer.fromScript("scripted/support-script.json")) {
            String grader =
                    "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a Grader.\"},"
                            + "{\"role\":\"user\",\"content\":\"grade this\"}]}";
            assertThat(json(openAiContent(openAi(server, grader))))
                    .isEqualTo(json("{\"pass\":true,\"reason\":\"mentions 30 days\"}"));

            assertThat(openAiContent(openAi(server, chat("refund?")))).isEqualTo("Refunds within 30 days.");
            assertThat(openAiContent(openAi(server, chat("refund?")))).isEqualTo("You have 30 days.");

            JsonNode toolUse = json(
                    anthropic(
                            server,
                            "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"my order\"}]}"));
            assertThat(toolUse.path("content").get(0).path("input")).isEqualTo(json("{\"order_id\":\"A-17\"}"));
            // the provider condition keeps OpenAI requests about orders out of that rule
            assertThat(openAiContent(openAi(server, chat("my order"))))
                    .isEqualTo("I can only help with refunds and orders.");

            String toolResult = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"where?\"},"
                    + "{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"shipped\"}]}";
            assertThat(openAiContent(openAi(server, toolResult))).isEqualTo("Your order shipped.");

            assertThat(json(openAi(server, chat("bomb")))
                            .path("choices")
                            .get(0)
                            .path("message")
                            .path("refusal")
                            .asText())
                    .isEqualTo("I can't help with that.");

            HttpResponse<String> busy = openAi(server, chat("busy"));
            assertThat(busy.statusCode()).isEqualTo(429);
            assertThat(busy.headers().firstValue("retry-after")).hasValue("1");
            assertThat(openAiContent(openAi(server, chat("busy")))).isEqualTo("Now I can answer.");

            HttpResponse<String> down = openAi(server, chat("down"));
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("retry-after-ms")).hasValue("500");
            assertThat(json(down).path("error").path("message").asText()).isEqualTo("Scripted outage.");
            assertThat(json(down).path("error").path("type").asText()).isEqualTo("server_error");

            assertThatThrownBy(() -> openAi(server, chat("slow"))).isInstanceOf(UncheckedIOException.class);
            String crash = openAi(server, OpenAiWireShapeTest.streaming(chat("crash"), false))
                    .body();
            assertThat(crash).contains("\"message\":\"boom\"").doesNotContain("[DONE]");
        }
    }

    @Test
    void yamlScriptsWorkFromAFile() throws IOException {
        Path script = write("script.yaml", """
                rules:
                  - match: {contains: refund}
                    replies:
                      - first
                      - second
                fallback:
                  error: {status: 404, type: invalid_request_error, message: nothing scripted}
                """);

        try (ScriptedLlmServer server = ScriptedLlmServer.fromScript(script)) {
            assertThat(openAiContent(openAi(server, chat("refund")))).isEqualTo("first");
            assertThat(openAiContent(openAi(server, chat("refund")))).isEqualTo("second");
            assertThat(json(openAi(server, chat("other")))
                            .path("error")
                            .path("message")
                            .asText())
                    .isEqualTo("nothing scripted");
        }
    }

    @Test
    void syntaxErrorNamesFileLineAndColumn() throws IOException {
        Path script = write("broken.json", "{\n  \"rules\": [\n    {\"reply\": \"x\",}\n  ]\n}\n");

        ScriptException e = catchScript(() -> ScriptedLlmServer.fromScript(script));

        assertThat(e.source()).isEqualTo(script.toString());
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage())
                .startsWith("script [" + script + "] line 3, column ")
                .contains("not valid JSON");
    }

    @Test
    void unknownKeyNamesItsLineAndPlaceAndTheAllowedKeys() throws IOException {
        Path script = write("typo.json", """
                {"rules": [
                  {"reply": "ok"},
                  {"match": {
                     "contans": "refund"},
                   "reply": "x"}
                ]}
                """);

        ScriptException e = catchScript(() -> ScriptedLlmServer.fromScript(script));

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo(6);
        assertThat(e.getMessage())
                .isEqualTo("script [" + script + "] line 4, column 6 (rules[1].match): unknown key 'contans';"
                        + " allowed: contains, systemContains, model, lastRole, provider");
    }

    @Test
    void ruleErrorsAreReportedWithTheirPlace() throws IOException {
        assertScriptError(
                "{\"rules\": [{\"match\": {\"contains\": \"a\"}}]}",
                1,
                "(rules[0]): a rule needs exactly one answer key");
        assertScriptError("{\"rules\": [\n{\"reply\": \"a\", \"refusal\": \"b\"}]}", 2, "found reply and refusal");
        assertScriptError("{\"rule\": []}", 1, "unknown key 'rule'; allowed: rules, fallback, comment");
        assertScriptError("{}", 1, "(rules): 'rules' must be a list of rules");
        assertScriptError("[]", 1, "the script must be an object");
        assertScriptError(
                "{\"rules\": [{\"match\": {\"provider\": \"gemini\"}, \"reply\": \"x\"}]}",
                1,
                "(rules[0].match.provider): must be 'openai' or 'anthropic', got 'gemini'");
        assertScriptError(
                "{\"rules\": [{\"error\": {\"status\": 200}}]}",
                1,
                "(rules[0].error.status): must be an integer in 400..599");
        assertScriptError(
                "{\"rules\": [{\"replies\": []}]}", 1, "(rules[0].replies): must be a non-empty list of strings");
        assertScriptError(
                "{\"rules\": [{\"replies\": [\"a\", 3]}]}", 1, "(rules[0].replies[1]): must be a string, got number");
        assertScriptError(
                "{\"rules\": [{\"toolCall\": {\"name\": \"f\", \"arguments\": \"{bad\"}}]}",
                1,
                "(rules[0].toolCall.arguments): is not valid JSON");
        assertScriptError(
                "{\"rules\": [{\"toolCall\": {\"arguments\": {}}}]}", 1, "(rules[0].toolCall): missing key 'name'");
        assertScriptError(
                "{\"rules\": [{\"reply\": \"x\", \"delayMillis\": -5}]}",
                1,
                "(rules[0].delayMillis): must be an integer in 0..");
        assertScriptError(
                "{\"rules\": [{\"reply\": \"x\", \"failTimes\": {\"count\": 1}}]}",
                1,
                "(rules[0].failTimes): missing key 'status'");
        assertScriptError(
                "{\"rules\": [], \"fallback\": {\"match\": {}, \"reply\": \"x\"}}",
                1,
                "(fallback): unknown key 'match'");
        assertScriptError(
                "{\"rules\": [{\"reply\": \"a\"}, {\"reply\": \"b\", \"reply\": \"c\"}]}", 1, "duplicate key 'reply'");
        assertScriptError("", 1, "the script is empty");
    }

    @Test
    void aBrokenScriptAddsNoRules() throws IOException {
        Path script = write("half.json", "{\"rules\": [{\"reply\": \"first rule is fine\"}, {\"reply\": 3}]}");
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            assertThatThrownBy(() -> server.loadScript(script)).isInstanceOf(ScriptException.class);

            assertThat(openAi(server, chat("x")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void yamlErrorsHaveLinesToo() throws IOException {
        Path script = write("bad.yml", "rules:\n  - reply: ok\n  - match:\n      modle: gpt-4o\n    reply: x\n");

        ScriptException e = catchScript(() -> ScriptedLlmServer.fromScript(script));

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("(rules[1].match): unknown key 'modle'");
    }

    @Test
    void missingFilesAndResourcesAreClearErrors() {
        assertThatThrownBy(() -> ScriptedLlmServer.fromScript("scripted/nope.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("script resource [scripted/nope.json] not found on the classpath");
        assertThatThrownBy(() -> ScriptedLlmServer.fromScript(dir.resolve("nope.json")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read script [" + dir.resolve("nope.json") + "]");
    }

    private void assertScriptError(String text, int line, String expected) throws IOException {
        Path script = write("case.json", text);
        ScriptException e = catchScript(() -> ScriptedLlmServer.fromScript(script));
        assertThat(e.getMessage())
                .as(text)
                .startsWith("script [" + script + "] line " + line + ",")
                .contains(expected);
    }

    private static ScriptException catchScript(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(ScriptException.class);
        return (ScriptException) thrown;
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
