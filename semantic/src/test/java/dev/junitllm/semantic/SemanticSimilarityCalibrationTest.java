package dev.junitllm.semantic;

import static dev.junitllm.assertions.LlmAssertions.assertThatText;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.assertions.LlmAssertions;
import dev.junitllm.assertions.internal.semantic.Embeddings;
import dev.junitllm.semantic.internal.MiniLmEmbeddingModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The semantic-similarity calibration set ({@code calibration/semantic-similarity.jsonl}): support-
 * assistant paraphrases and non-paraphrases (other topics, and same-topic contradictions), scored
 * with the in-process model. The default threshold must separate them as documented.
 */
class SemanticSimilarityCalibrationTest {

    record Pair(String id, String a, String b, boolean paraphrase, String kind, double cosine) {}

    static List<Pair> pairs;

    @BeforeAll
    static void score() throws IOException {
        pairs = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SemanticSimilarityCalibrationTest.class.getResourceAsStream("/calibration/semantic-similarity.jsonl"),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode row = new ObjectMapper().readTree(line);
                String a = row.get("a").asText();
                String b = row.get("b").asText();
                pairs.add(new Pair(
                        row.get("id").asText(),
                        a,
                        b,
                        row.get("paraphrase").asBoolean(),
                        row.path("kind").asText("paraphrase"),
                        Embeddings.similarity(new MiniLmEmbeddingModel(), a, b)));
            }
        }
        StringBuilder report = new StringBuilder("semantic-similarity calibration (cosine, all-MiniLM-L6-v2 q):\n");
        for (Pair p : pairs) {
            report.append(String.format(Locale.ROOT, "  %-8s %-13s %.4f%n", p.id(), p.kind(), p.cosine()));
        }
        for (int k = 40; k <= 90; k += 5) {
            double threshold = k / 100.0;
            long tp = pairs.stream()
                    .filter(p -> p.paraphrase() && p.cosine() >= threshold)
                    .count();
            long tn = pairs.stream()
                    .filter(p -> !p.paraphrase() && p.cosine() < threshold)
                    .count();
            report.append(String.format(
                    Locale.ROOT,
                    "  threshold %.2f: paraphrases passed %d/%d, non-paraphrases failed %d/%d%n",
                    threshold,
                    tp,
                    count(true),
                    tn,
                    count(false)));
        }
        System.out.print(report);
    }

    static long count(boolean paraphrase) {
        return pairs.stream().filter(p -> p.paraphrase() == paraphrase).count();
    }

    static long passing(boolean paraphrase, String kind, double threshold) {
        return pairs.stream()
                .filter(p -> p.paraphrase() == paraphrase
                        && (kind == null || p.kind().equals(kind)))
                .filter(p -> p.cosine() >= threshold)
                .count();
    }

    @Test
    void theDefaultThresholdSeparatesTheSetAsDocumented() {
        double t = LlmAssertions.DEFAULT_SEMANTIC_SIMILARITY;
        // documented in docs/assertions.md: 17/22 paraphrases pass, 0/10 other-topic and 2/12 contradictions pass
        org.assertj.core.api.Assertions.assertThat(passing(true, null, t)).isBetween(17L, 19L);
        org.assertj.core.api.Assertions.assertThat(passing(false, "other-topic", t))
                .isZero();
        org.assertj.core.api.Assertions.assertThat(passing(false, "contradiction", t))
                .isBetween(1L, 3L);
    }

    @Test
    void paraphrasesScoreFarAboveOtherTopics() {
        double minParaphrase = pairs.stream()
                .filter(Pair::paraphrase)
                .mapToDouble(Pair::cosine)
                .min()
                .orElseThrow();
        double maxOtherTopic = pairs.stream()
                .filter(p -> p.kind().equals("other-topic"))
                .mapToDouble(Pair::cosine)
                .max()
                .orElseThrow();
        org.assertj.core.api.Assertions.assertThat(minParaphrase).isGreaterThan(maxOtherTopic + 0.1);
        // contradictions on the same topic are NOT separable by embeddings: their mean sits near the paraphrases'
        double contradictionMean = pairs.stream()
                .filter(p -> p.kind().equals("contradiction"))
                .mapToDouble(Pair::cosine)
                .average()
                .orElseThrow();
        org.assertj.core.api.Assertions.assertThat(contradictionMean).isGreaterThan(0.5);
    }

    @Test
    void theAssertionPassesOnAClearParaphraseAndFailsOffTopic() {
        assertThatText(("Your invoice is available to download in the Orders section."))
                .isSemanticallySimilarTo("You can download the invoice from the Orders page.");
        assertThatThrownBy(() -> assertThatText(("To reset your password, click 'Forgot password' on the login page."))
                        .isSemanticallySimilarTo("Shipping is free on orders over $50."))
                .hasMessageStartingWith(String.format(
                        "%nExpecting actual:%n  \"To reset your password, click 'Forgot password' on the login page.\"%n"
                                + "to be semantically similar to:%n  \"Shipping is free on orders over $50.\"%n"
                                + "with similarity >= 0.750 but was 0.0"));
    }

    @Test
    void theSetHasTwentyOrMoreOfEach() {
        org.assertj.core.api.Assertions.assertThat(count(true)).isGreaterThanOrEqualTo(20);
        org.assertj.core.api.Assertions.assertThat(count(false)).isGreaterThanOrEqualTo(20);
    }
}
