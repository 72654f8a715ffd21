package dev.junitllm.internal.cassette;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitllm.internal.client.WireBodies;
import org.junit.jupiter.api.Test;

class CanonicalRequestTest {

    private static String key(String body) {
        return CanonicalRequest.key("openai", "/chat/completions", "model", 0, 0, canonical(body));
    }

    private static ObjectNode canonical(String body) {
        return CanonicalRequest.canonicalBody(Fixtures.json(body));
    }

    @Test
    void sortsKeysRecursivelyAndKeepsArrayOrder() {
        ObjectNode canonical = canonical("{\"z\":1,\"a\":{\"y\":[3,1,{\"b\":1,\"a\":2}],\"x\":true}}");
        assertThat(CanonicalRequest.compact(canonical))
                .isEqualTo("{\"a\":{\"x\":true,\"y\":[3,1,{\"a\":2,\"b\":1}]},\"z\":1}");
    }

    @Test
    void dropsVolatileFields() {
        ObjectNode canonical = canonical("""
                {"model":"m","user":"u","metadata":{"a":"b"},"store":true,"safety_identifier":"s",
                 "prompt_cache_key":"p","stream_options":{"include_obfuscation":false}}""");
        assertThat(CanonicalRequest.compact(canonical)).isEqualTo("{\"model\":\"m\"}");
        assertThat(CanonicalRequest.compact(
                        canonical("{\"stream_options\":{\"include_obfuscation\":true,\"include_usage\":true}}")))
                .isEqualTo("{\"stream_options\":{\"include_usage\":true}}");
    }

    @Test
    void normalisesNumbers() {
        assertThat(key("{\"temperature\":1.0,\"top_p\":0.50}")).isEqualTo(key("{\"temperature\":1,\"top_p\":0.5}"));
        assertThat(key("{\"temperature\":0.7}")).isNotEqualTo(key("{\"temperature\":0.8}"));
    }

    @Test
    void keyDependsOnEveryPart() {
        ObjectNode body = canonical("{\"model\":\"m\"}");
        String base = CanonicalRequest.key("openai", "/chat/completions", "model", 0, 0, body);
        assertThat(base).hasSize(16).matches("[0-9a-f]+");
        assertThat(CanonicalRequest.key("anthropic", "/chat/completions", "model", 0, 0, body))
                .isNotEqualTo(base);
        assertThat(CanonicalRequest.key("openai", "/embeddings", "model", 0, 0, body))
                .isNotEqualTo(base);
        assertThat(CanonicalRequest.key("openai", "/chat/completions", "judge", 0, 0, body))
                .isNotEqualTo(base);
        assertThat(CanonicalRequest.key("openai", "/chat/completions", "model", 1, 0, body))
                .isNotEqualTo(base);
        assertThat(CanonicalRequest.key("openai", "/chat/completions", "model", 0, 1, body))
                .isNotEqualTo(base);
        assertThat(CanonicalRequest.key("openai", "/chat/completions", "model", 0, 0, body))
                .isEqualTo(base);
    }

    @Test
    void namesTheFirstDifference() {
        assertThat(CanonicalRequest.firstDifference(
                        canonical("{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}"),
                        canonical("{\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}"),
                        ""))
                .isEqualTo("messages[0].content: \"a\" recorded vs \"b\" now");
        assertThat(CanonicalRequest.firstDifference(canonical("{\"a\":1}"), canonical("{\"a\":1,\"b\":2}"), ""))
                .isEqualTo("b: absent recorded vs 2 now");
        assertThat(CanonicalRequest.firstDifference(canonical("{\"a\":[1]}"), canonical("{\"a\":[1,2]}"), ""))
                .isEqualTo("a: 1 elements recorded vs 2 now");
        assertThat(CanonicalRequest.firstDifference(canonical("{\"a\":1}"), canonical("{\"a\":1}"), ""))
                .isNull();
    }

    @Test
    void summarisesRequestsByTheirLastUserText() {
        assertThat(WireBodies.lastUserText(Fixtures.json("""
                {"messages":[{"role":"user","content":"first"},{"role":"assistant","content":"x"},
                 {"role":"user","content":[{"type":"text","text":"last"},{"type":"image_url"}]}]}"""))).isEqualTo("last");
        assertThat(WireBodies.lastUserText(Fixtures.json("{\"input\":[\"one\",\"two\"]}")))
                .isEqualTo("two");
        assertThat(WireBodies.lastUserText(Fixtures.json("{\"input\":\"text\"}")))
                .isEqualTo("text");
        assertThat(WireBodies.lastUserText(Fixtures.json("{\"model\":\"m\"}"))).isNull();
    }
}
