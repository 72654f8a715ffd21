package dev.junitllm.allure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitllm.BudgetExceededException;
import dev.junitllm.JudgeAnswerException;
import dev.junitllm.MissingRecordingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds the messages the extension produces through the categories as Allure 2 applies them:
 * {@code Pattern.compile(messageRegex, Pattern.DOTALL).matcher(statusMessage).matches()} with the
 * result's status in {@code matchedStatuses}, every matching category collecting the result (the
 * allure-generator 2.34.1 {@code CategoriesPlugin}). Messages come from the extension's own exception
 * classes where they are public, else are copied from the code that builds them (named per message).
 */
class CategoriesTest {

    private static final String NL = System.lineSeparator();

    /** {@code GateExtension}: "Dataset gate failed: " + summary + one line per failing case. */
    private static final String GATE = "Dataset gate failed: datasets/refunds.jsonl on openai:gpt-4.1-mini: 5/12 cases"
            + " passed = 41.7% (95% CI [19.3%, 68.0%]), required 75.0%; failing cases: refund-02, refund-05" + NL
            + "  refund-02: rubric: score 0.40 vs threshold 0.70: the judge found no mention of the 30-day window" + NL
            + "  refund-05: containsIgnoringCase: score 0.00 vs threshold 1.00: does not contain \"30 days\"";

    /** {@code GateExtension} when the dataset cannot be read. */
    private static final String GATE_UNREADABLE = "Dataset gate failed: datasets/refunds.jsonl could not be read:"
            + " line 3: not JSON; datasets/refunds.jsonl on openai:gpt-4o-mini: 0/0 cases passed = 0.0% (95% CI"
            + " [0.0%, 0.0%]), required 75.0%";

    /** {@code Cassette.missingMessage}, as {@code MissingRecordingException} carries it. */
    private static final String MISSING = "No recording in cassette [src/test/resources/llm-cassettes/"
            + "dev.example.RefundTest.json] for openai:gpt-4.1-mini POST /v1/chat/completions (2 messages)\n"
            + "  test: dev.example.RefundTest#refunds, sample 0, occurrence 0, key 4f2a9c\n"
            + "  the request changed since it was recorded: messages[1].content\n"
            + "Record it with:\n  mvn test -Dllm.mode=record -Dtest=RefundTest#refunds";

    /** {@code FailureSummary}: a case of several samples, with a judge's verdict as its first failure. */
    private static final String SAMPLES_JUDGE = "1 of 3 samples passed (33.3%, 95% CI [6.1%, 79.2%]); the case needs"
            + " 100.0%; first failure: rubric: score 0.40 vs threshold 0.70: the judge found no 30-day window" + NL
            + "  failure 1: Expecting actual: \"Refunds within 14 days\" to satisfy the criterion: \"States the"
            + " 30-day window\" but the judge's score was 0.40 (threshold 0.70)";

    /** {@code FailureSummary}: a case of several samples failing a plain text check. */
    private static final String SAMPLES = "2 of 5 samples passed (40.0%, 95% CI [11.8%, 76.9%]); the case needs"
            + " 80.0%; first failure: containsIgnoringCase: score 0.00 vs threshold 1.00: does not contain"
            + " \"30 days\"" + NL + "  failure 1: Expecting actual:" + NL + "  \"Whenever you like.\"" + NL
            + "to contain:" + NL + "  \"30 days\"" + NL + " (ignoring case)";

    /** AssertJ's {@code ShouldSatisfyJudge} (assertions module), a one-sample case's own error. */
    private static final String JUDGE_VERDICT = NL + "Expecting actual:" + NL + "  \"Refunds within 14 days\"" + NL
            + "to satisfy the criterion:" + NL + "  \"States the 30-day window\"" + NL
            + "but the judge's score was 0.40 (threshold 0.70): no mention of 30 days" + NL;

    @Test
    void theExtensionsMessagesLandInTheirCategoryOnly(@TempDir Path dir) throws Exception {
        String budget = new BudgetExceededException(0.5012, 0.5, "openai:gpt-4o-mini chat call").getMessage();
        String judgeBroke = new JudgeAnswerException(
                        "judge/rubric.v1", "openai:gpt-4o", "not JSON", "Sure! The answer is polite. PASS")
                .getMessage();
        String missing = new MissingRecordingException(MISSING).getMessage();
        // what an SDK shows when it wraps the exception (its message starts with the class name)
        String wrappedMissing = "java.lang.RuntimeException: dev.junitllm.MissingRecordingException: " + MISSING;
        String missingInJudge = "The judge openai:gpt-4o could not be called: " + MISSING;

        Path file = dir.resolve("categories.json");
        RunFiles.writeCategories(file);
        JsonNode categories = new ObjectMapper().readTree(file.toFile());

        assertThat(categoriesOf(categories, "failed", GATE)).containsExactly("LLM: dataset gate failed");
        assertThat(categoriesOf(categories, "failed", GATE_UNREADABLE)).containsExactly("LLM: dataset gate failed");
        assertThat(categoriesOf(categories, "broken", missing)).containsExactly("LLM: missing recording");
        assertThat(categoriesOf(categories, "broken", wrappedMissing)).containsExactly("LLM: missing recording");
        assertThat(categoriesOf(categories, "broken", missingInJudge)).containsExactly("LLM: missing recording");
        assertThat(budget).startsWith("Budget reached: ");
        assertThat(categoriesOf(categories, "broken", budget)).containsExactly("LLM: budget exceeded");
        assertThat(categoriesOf(categories, "broken", judgeBroke)).containsExactly("LLM: judge failure");
        assertThat(categoriesOf(categories, "failed", JUDGE_VERDICT)).containsExactly("LLM: judge failure");
        assertThat(categoriesOf(categories, "failed", SAMPLES_JUDGE)).containsExactly("LLM: judge failure");
        assertThat(categoriesOf(categories, "failed", SAMPLES)).containsExactly("LLM: pass rate below threshold");
        // not ours: an ordinary assertion, and a skipped row
        assertThat(categoriesOf(categories, "failed", "expected: <4> but was: <5>"))
                .isEmpty();
        assertThat(categoriesOf(categories, "skipped", GATE)).isEmpty();
    }

    @Test
    void ourCategoriesFromAnEarlierRunAreReplacedTheProjectsOwnAreKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("categories.json");
        Files.writeString(
                file,
                "[{\"name\":\"LLM: budget exceeded\",\"messageRegex\":\"(?is).*budget.*\"},"
                        + "{\"name\":\"LLM: judge failure\",\"messageRegex\":\".*mine.*\"}]");
        RunFiles.writeCategories(file);
        RunFiles.writeCategories(file); // a second run over the same directory changes nothing
        JsonNode categories = new ObjectMapper().readTree(file.toFile());

        assertThat(categories)
                .extracting(c -> c.path("name").asText())
                .containsExactly(
                        "LLM: judge failure",
                        "LLM: dataset gate failed",
                        "LLM: missing recording",
                        "LLM: budget exceeded",
                        "LLM: regression",
                        "LLM: pass rate below threshold");
        assertThat(categories.get(0).path("messageRegex").asText()).isEqualTo(".*mine.*");
        assertThat(categories.get(3).path("messageRegex").asText()).isNotEqualTo("(?is).*budget.*");
    }

    /** The names of the categories Allure 2 files a result of this status and message under. */
    private static List<String> categoriesOf(JsonNode categories, String status, String message) {
        List<String> names = new ArrayList<>();
        for (JsonNode c : categories) {
            boolean statusMatches = false;
            for (JsonNode s : c.path("matchedStatuses")) {
                statusMatches |= s.asText().equals(status);
            }
            if (statusMatches
                    && Pattern.compile(c.path("messageRegex").asText(), Pattern.DOTALL)
                            .matcher(message)
                            .matches()) {
                names.add(c.path("name").asText());
            }
        }
        return names;
    }
}
