package dev.junitllm.assertions;

import static dev.junitllm.assertions.error.ShouldBeSafe.shouldBeRefusal;
import static dev.junitllm.assertions.error.ShouldBeSafe.shouldNotBeRefusal;
import static dev.junitllm.assertions.error.ShouldBeSafe.shouldNotContainPii;
import static dev.junitllm.assertions.error.ShouldBeSafe.shouldNotLeak;
import static dev.junitllm.assertions.error.ShouldBeSafe.shouldNotRevealSystemPrompt;
import static dev.junitllm.assertions.error.ShouldBeSemanticallySimilar.shouldBeSemanticallySimilar;
import static dev.junitllm.assertions.error.ShouldBeStructured.shouldBeValidJson;
import static dev.junitllm.assertions.error.ShouldBeStructured.shouldHaveFinishedNormally;
import static dev.junitllm.assertions.error.ShouldBeStructured.shouldHaveJsonPointer;
import static dev.junitllm.assertions.error.ShouldBeStructured.shouldHaveNoToolCalls;
import static dev.junitllm.assertions.error.ShouldBeStructured.shouldHaveToolCall;
import static dev.junitllm.assertions.error.ShouldBeStructured.shouldMatchJsonSchema;
import static dev.junitllm.assertions.error.ShouldBeWithinBounds.shouldBeAtMost;
import static dev.junitllm.assertions.error.ShouldBeWithinBounds.shouldBeKnown;
import static dev.junitllm.assertions.error.ShouldBeWithinBounds.shouldBeWithin;
import static dev.junitllm.assertions.error.ShouldContainText.shouldContain;
import static dev.junitllm.assertions.error.ShouldContainText.shouldContainAllOf;
import static dev.junitllm.assertions.error.ShouldContainText.shouldContainAnyOf;
import static dev.junitllm.assertions.error.ShouldContainText.shouldContainIgnoringCase;
import static dev.junitllm.assertions.error.ShouldContainText.shouldMatch;
import static dev.junitllm.assertions.error.ShouldContainText.shouldStartWith;
import static dev.junitllm.assertions.error.ShouldHaveScore.shouldHaveScoreAtLeast;
import static dev.junitllm.assertions.error.ShouldNotContainText.shouldNotContain;
import static dev.junitllm.assertions.error.ShouldSatisfyJudge.shouldBePreferred;
import static dev.junitllm.assertions.error.ShouldSatisfyJudge.shouldSatisfyRubric;
import static dev.junitllm.assertions.error.ShouldSatisfyJudge.shouldScoreAtLeast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.FinishReason;
import dev.junitllm.GoldenCase;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmContext;
import dev.junitllm.LlmResponse;
import dev.junitllm.ToolCall;
import dev.junitllm.Verdict;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on an {@link LlmResponse}, self-typed so that subclasses keep fluent chaining (the
 * pattern of AssertJ's {@code AbstractOptionalAssert}). Obtain one with {@link
 * LlmAssertions#assertThat(LlmResponse)}.
 *
 * <p>Every check records a {@link Verdict} (metric, score on 0..1, threshold, passed, reason) into the
 * running {@code @LlmTest} sample before it passes or fails; outside an {@code @LlmTest} the checks
 * work the same without recording. Failures are {@link AssertionError}s carrying the actual text and
 * the expected value, so IDEs show a diff; scored and judge failures also state score, threshold and
 * reason.
 *
 * <p>Checks that need a judge use the running test's judge ({@code llm.judge.model}) unless {@link
 * #usingJudge(LlmClient)} names one; semantic similarity uses an in-process embedding model unless
 * {@code llm.embedding.model} or {@link #usingEmbeddingModel(LlmClient)} names a provider model.
 *
 * <p>The methods are deliberately not final so that {@link LlmSoftAssertions} can proxy them.
 *
 * @param <SELF> the concrete assert type, returned by every check
 */
public abstract class AbstractLlmResponseAssert<SELF extends AbstractLlmResponseAssert<SELF>>
        extends AbstractAssert<SELF, LlmResponse> {

    /** What judge prompts show for a missing question or reference. */
    static final String NOT_GIVEN = "(not given)";

    static final String NONE = "(none)";

    /** Default maximum share of the system prompt's word 5-grams an answer may repeat. */
    public static final double DEFAULT_MAX_PROMPT_OVERLAP = 0.2;

    /** Default longest run of system-prompt words an answer may repeat verbatim. */
    public static final int DEFAULT_MAX_SHARED_PROMPT_WORDS = 10;

    private final List<LlmClient> judges = new ArrayList<>();
    private final List<String> judgeModels = new ArrayList<>();
    private int votes = 1;
    private double judgeTemperature = 0.0;
    private LlmClient embeddingModel;
    private String question;
    private List<String> context;
    private String reference;

    /**
     * For subclasses that add their own checks.
     *
     * <pre>{@code
     * public class SupportAnswerAssert extends AbstractLlmResponseAssert<SupportAnswerAssert> {
     *     public SupportAnswerAssert(LlmResponse actual) {
     *         super(actual, SupportAnswerAssert.class);
     *     }
     *
     *     public SupportAnswerAssert mentionsTicketId() {
     *         return matches("TCK-\\d{6}");
     *     }
     * }
     * }</pre>
     */
    protected AbstractLlmResponseAssert(LlmResponse actual, Class<?> selfType) {
        super(actual, selfType);
    }

    // ------------------------------------------------------------------ configuration

    /**
     * Uses {@code judge} for the judge-based checks that follow, instead of the running test's judge;
     * this is how judge assertions work in a plain {@code @Test}.
     *
     * <pre>{@code
     * assertThat(response).usingJudge(fakeJudge).satisfiesRubric("Is polite");
     * }</pre>
     */
    public SELF usingJudge(LlmClient judge) {
        judges.clear();
        judges.add(Objects.requireNonNull(judge, "judge"));
        return myself;
    }

    /**
     * Uses several judges; each one votes (times {@link #votes(int)}) and the majority decides.
     *
     * <pre>{@code
     * assertThat(response).usingJudges(gpt, claude, gemini).satisfiesRubric("Cites the order id");
     * }</pre>
     */
    public SELF usingJudges(LlmClient... judges) {
        if (judges.length == 0) {
            throw new IllegalArgumentException("usingJudges needs at least one judge");
        }
        this.judges.clear();
        Arrays.stream(judges).map(j -> Objects.requireNonNull(j, "judge")).forEach(this.judges::add);
        return myself;
    }

    /**
     * Asks the named judge models ({@code provider:model}) of the running {@code @LlmTest}, each
     * recorded and replayed like the default judge; the majority of all votes decides.
     *
     * <pre>{@code
     * assertThat(response)
     *     .judgedBy("openai:gpt-4o", "anthropic:claude-sonnet-4-5")
     *     .satisfiesRubric("States the 30-day refund window");
     * }</pre>
     */
    public SELF judgedBy(String... modelIds) {
        if (modelIds.length == 0) {
            throw new IllegalArgumentException("judgedBy needs at least one model id");
        }
        judgeModels.clear();
        judgeModels.addAll(List.of(modelIds));
        return myself;
    }

    /**
     * Asks each judge {@code n} times; binary checks pass on a strict majority of all votes, graded
     * checks use the mean score (G-Eval without log-probabilities averages samples).
     *
     * <pre>{@code
     * assertThat(response).votes(3).satisfiesRubric("Does not promise a delivery date");
     * }</pre>
     */
    public SELF votes(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("votes must be at least 1 but was " + n);
        }
        this.votes = n;
        return myself;
    }

    /**
     * Sets the judge's sampling temperature (default 0). A higher value makes {@link #votes(int)}
     * sample different judgements from one model.
     *
     * <pre>{@code
     * assertThat(response).judgeTemperature(0.7).votes(5).scoresAtLeast("Helpful", 0.75);
     * }</pre>
     */
    public SELF judgeTemperature(double temperature) {
        if (temperature < 0 || temperature > 2) {
            throw new IllegalArgumentException("judge temperature must be within 0..2 but was " + temperature);
        }
        this.judgeTemperature = temperature;
        return myself;
    }

    /**
     * Embeds with {@code model} (through {@link LlmClient#embed(String...)}) instead of the in-process
     * model for {@link #isSemanticallySimilarTo(String, double)}.
     *
     * <pre>{@code
     * assertThat(response).usingEmbeddingModel(openAiEmbeddings).isSemanticallySimilarTo(expected, 0.8);
     * }</pre>
     */
    public SELF usingEmbeddingModel(LlmClient model) {
        this.embeddingModel = Objects.requireNonNull(model, "model");
        return myself;
    }

    /**
     * Sets the question the response answers, for judge prompts and RAG checks; by default the
     * current dataset row's {@code input}.
     *
     * <pre>{@code
     * assertThat(response).forQuestion("Can I return shoes?").isRelevantToQuestion();
     * }</pre>
     */
    public SELF forQuestion(String question) {
        this.question = Objects.requireNonNull(question, "question");
        return myself;
    }

    /**
     * Sets the retrieved passages for RAG checks; by default the current dataset row's {@code context}.
     *
     * <pre>{@code
     * assertThat(response).withContext(List.of("Refunds within 30 days.")).isFaithfulToContext();
     * }</pre>
     */
    public SELF withContext(List<String> passages) {
        this.context = List.copyOf(passages);
        return myself;
    }

    /**
     * Varargs form of {@link #withContext(List)}.
     *
     * <pre>{@code
     * assertThat(response).withContext("Refunds within 30 days.", "Shipping is free.").isFaithfulToContext();
     * }</pre>
     */
    public SELF withContext(String... passages) {
        return withContext(List.of(passages));
    }

    /**
     * Gives the judge a reference answer to grade against (reference-guided grading) and sets the
     * expected answer of {@link #hasContextRecallAtLeast(double)}; by default the dataset row's
     * {@code expected}, for context recall only.
     *
     * <pre>{@code
     * assertThat(response).comparedTo("Refunds are accepted within 30 days.")
     *     .scoresAtLeast("Factually agrees with the reference", 0.75);
     * }</pre>
     */
    public SELF comparedTo(String expected) {
        this.reference = Objects.requireNonNull(expected, "expected");
        return myself;
    }

    // ------------------------------------------------------------------ deterministic text

    /**
     * The text contains {@code expected}, case-sensitively.
     *
     * <pre>{@code
     * // passes
     * assertThat(response("Refunds within 30 days")).contains("30 days");
     * // fails: Expecting actual: "Refunds within 30 days" to contain: "14 days"
     * assertThat(response("Refunds within 30 days")).contains("14 days");
     * }</pre>
     */
    public SELF contains(String expected) {
        boolean ok = text().contains(expected);
        return check(
                Verdict.binary("contains", ok, (ok ? "contains " : "does not contain ") + quote(expected)),
                () -> shouldContain(text(), expected),
                expected);
    }

    /**
     * The text contains {@code expected}, case ignored.
     *
     * <pre>{@code
     * // passes
     * assertThat(response("Refunds within 30 DAYS")).containsIgnoringCase("30 days");
     * // fails
     * assertThat(response("Refunds within 30 days")).containsIgnoringCase("60 days");
     * }</pre>
     */
    public SELF containsIgnoringCase(String expected) {
        boolean ok = lower(text()).contains(lower(expected));
        return check(
                Verdict.binary("containsIgnoringCase", ok, (ok ? "contains " : "does not contain ") + quote(expected)),
                () -> shouldContainIgnoringCase(text(), expected),
                expected);
    }

    /**
     * The text contains at least one of {@code values}, case ignored.
     *
     * <pre>{@code
     * // passes
     * assertThat(response("You can return it")).containsAnyOf("refund", "return");
     * // fails
     * assertThat(response("Hello")).containsAnyOf("refund", "return");
     * }</pre>
     */
    public SELF containsAnyOf(String... values) {
        List<String> all = List.of(values);
        List<String> found =
                all.stream().filter(v -> lower(text()).contains(lower(v))).toList();
        boolean ok = !found.isEmpty();
        return check(
                Verdict.binary("containsAnyOf", ok, ok ? "contains " + found : "contains none of " + all),
                () -> shouldContainAnyOf(text(), all),
                String.join("\n", all));
    }

    /**
     * The text contains every one of {@code values}, case ignored; the failure lists the missing ones.
     *
     * <pre>{@code
     * // passes
     * assertThat(response("Refund within 30 days")).containsAllOf("refund", "30 days");
     * // fails: ... but could not find: ["receipt"]
     * assertThat(response("Refund within 30 days")).containsAllOf("refund", "receipt");
     * }</pre>
     */
    public SELF containsAllOf(String... values) {
        List<String> all = List.of(values);
        List<String> missing =
                all.stream().filter(v -> !lower(text()).contains(lower(v))).toList();
        boolean ok = missing.isEmpty();
        return check(
                new Verdict(
                        "containsAllOf",
                        all.isEmpty() ? 1.0 : (double) (all.size() - missing.size()) / all.size(),
                        1.0,
                        ok,
                        ok ? "contains all of " + all : "missing " + missing),
                () -> shouldContainAllOf(text(), all, missing),
                String.join("\n", all));
    }

    /**
     * The text contains none of {@code values}, case ignored.
     *
     * <pre>{@code
     * // passes
     * assertThat(response("Refunds within 30 days")).doesNotContain("guarantee");
     * // fails: ... but found: ["guarantee"]
     * assertThat(response("We guarantee a refund")).doesNotContain("guarantee");
     * }</pre>
     */
    public SELF doesNotContain(String... values) {
        List<String> all = List.of(values);
        List<String> found =
                all.stream().filter(v -> lower(text()).contains(lower(v))).toList();
        boolean ok = found.isEmpty();
        return check(
                Verdict.binary("doesNotContain", ok, ok ? "contains none of " + all : "contains " + found),
                () -> shouldNotContain(text(), all, found),
                "text without " + all);
    }

    /**
     * Some part of the text matches the regular expression {@code regex} ({@link
     * java.util.regex.Matcher#find()}); anchor it with {@code ^...$} to match the whole text.
     *
     * <pre>{@code
     * // passes
     * assertThat(response("Your order A-1001 shipped")).matches("[A-Z]-\\d{4}");
     * // fails
     * assertThat(response("Your order shipped")).matches("[A-Z]-\\d{4}");
     * }</pre>
     */
    public SELF matches(String regex) {
        boolean ok = Pattern.compile(regex).matcher(text()).find();
        return check(
                Verdict.binary("matches", ok, (ok ? "matches /" : "no match for /") + regex + "/"),
                () -> shouldMatch(text(), regex),
                regex);
    }

    /**
     * The text, leading whitespace ignored, starts with {@code prefix}.
     *
     * <pre>{@code
     * // passes
     * assertThat(response("Yes, you can.")).startsWith("Yes");
     * // fails
     * assertThat(response("No.")).startsWith("Yes");
     * }</pre>
     */
    public SELF startsWith(String prefix) {
        boolean ok = text().stripLeading().startsWith(prefix);
        return check(
                Verdict.binary("startsWith", ok, (ok ? "starts with " : "does not start with ") + quote(prefix)),
                () -> shouldStartWith(text(), prefix),
                prefix);
    }

    /**
     * The text has between {@code min} and {@code max} characters, inclusive.
     *
     * <pre>{@code
     * // passes
     * assertThat(response("Yes.")).hasLengthBetween(1, 280);
     * // fails: ... to have a length within [10, 280] but it was 4
     * assertThat(response("Yes.")).hasLengthBetween(10, 280);
     * }</pre>
     */
    public SELF hasLengthBetween(int min, int max) {
        return bounds("length", text().length(), min, max);
    }

    /**
     * The text has between {@code min} and {@code max} words, inclusive.
     *
     * <pre>{@code
     * // passes
     * assertThat(response("Refunds take 30 days.")).hasWordCountBetween(1, 50);
     * // fails
     * assertThat(response("Yes.")).hasWordCountBetween(5, 50);
     * }</pre>
     */
    public SELF hasWordCountBetween(int min, int max) {
        return bounds("word count", TextMetrics.words(text()).size(), min, max);
    }

    /**
     * The text has at most {@code max} words.
     *
     * <pre>{@code
     * // passes
     * assertThat(response("Yes.")).hasWordCountAtMost(50);
     * // fails
     * assertThat(response("one two three")).hasWordCountAtMost(2);
     * }</pre>
     */
    public SELF hasWordCountAtMost(int max) {
        return hasWordCountBetween(0, max);
    }

    private SELF bounds(String quantity, int value, int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " is greater than max " + max);
        }
        boolean ok = value >= min && value <= max;
        String metric = quantity.equals("length") ? "length" : "wordCount";
        return check(
                Verdict.binary(
                        metric,
                        ok,
                        quantity + " " + value + (ok ? " within " : " outside ") + "[" + min + ", " + max + "]"),
                () -> shouldBeWithin(text(), quantity, value, min, max),
                quantity + " within [" + min + ", " + max + "]");
    }

    // ------------------------------------------------------------------ string similarity

    /**
     * Normalised Levenshtein similarity {@code 1 - distance / max(length)} to {@code expected} is at
     * least {@code min}.
     *
     * <pre>{@code
     * // passes: 1 edit in 6 characters, similarity 0.833
     * assertThat(response("kitten")).hasLevenshteinSimilarityAtLeast("kitted", 0.8);
     * // fails
     * assertThat(response("kitten")).hasLevenshteinSimilarityAtLeast("sitting", 0.8);
     * }</pre>
     */
    public SELF hasLevenshteinSimilarityAtLeast(String expected, double min) {
        return scored("levenshtein", expected, min, TextMetrics.levenshteinSimilarity(text(), expected));
    }

    /**
     * Jaro-Winkler similarity (Commons Text) to {@code expected} is at least {@code min}.
     *
     * <pre>{@code
     * // passes (0.961)
     * assertThat(response("MARTHA")).hasJaroWinklerSimilarityAtLeast("MARHTA", 0.9);
     * // fails
     * assertThat(response("refund")).hasJaroWinklerSimilarityAtLeast("shipping", 0.9);
     * }</pre>
     */
    public SELF hasJaroWinklerSimilarityAtLeast(String expected, double min) {
        return scored("jaroWinkler", expected, min, TextMetrics.jaroWinkler(text(), expected));
    }

    /**
     * Cosine similarity of the word-count vectors (bag of words, case ignored) is at least {@code min}.
     *
     * <pre>{@code
     * // passes (1.0: same words, other order)
     * assertThat(response("days thirty refund")).hasCosineSimilarityAtLeast("refund thirty days", 0.9);
     * // fails (0.0)
     * assertThat(response("hello")).hasCosineSimilarityAtLeast("refund", 0.5);
     * }</pre>
     */
    public SELF hasCosineSimilarityAtLeast(String expected, double min) {
        return scored("cosine", expected, min, TextMetrics.cosine(text(), expected));
    }

    /**
     * ROUGE-L F1 on words (longest common subsequence) against {@code reference} is at least {@code
     * min}.
     *
     * <pre>{@code
     * // passes: LCS 7, R = 7/9, P = 7/8, F = 0.824
     * assertThat(response("the quick brown fox jumps over the dog"))
     *     .hasRougeLAtLeast("the quick brown fox jumped over the lazy dog", 0.8);
     * // fails
     * assertThat(response("a cat")).hasRougeLAtLeast("the quick brown fox", 0.5);
     * }</pre>
     */
    public SELF hasRougeLAtLeast(String reference, double min) {
        return scored("rougeL", reference, min, TextMetrics.rougeL(text(), reference));
    }

    /**
     * Sentence BLEU-4 (clipped n-gram precision, uniform weights, brevity penalty, no smoothing)
     * against {@code reference} is at least {@code min}. Answers shorter than four words score 0.
     *
     * <pre>{@code
     * // passes: BLEU 0.377
     * assertThat(response("the quick brown fox jumps over the dog"))
     *     .hasBleuAtLeast("the quick brown fox jumped over the lazy dog", 0.3);
     * // fails
     * assertThat(response("the fox")).hasBleuAtLeast("the quick brown fox", 0.3);
     * }</pre>
     */
    public SELF hasBleuAtLeast(String reference, double min) {
        return scored("bleu", reference, min, TextMetrics.bleu(text(), reference));
    }

    private SELF scored(String metric, String reference, double min, double score) {
        requireUnit(min, "minimum " + metric);
        boolean ok = score >= min;
        return check(
                new Verdict(metric, score, min, ok, metric + " " + fmt(score) + (ok ? " >= " : " < ") + fmt(min)),
                () -> shouldHaveScoreAtLeast(text(), metric, reference, min, score, ""),
                reference);
    }

    // ------------------------------------------------------------------ semantic similarity

    /**
     * Same as {@link #isSemanticallySimilarTo(String, double)} with the default threshold: the
     * configuration parameter {@value LlmAssertions#SEMANTIC_SIMILARITY_THRESHOLD_KEY} if set (useful
     * with a provider embedding model), else the calibrated {@link
     * LlmAssertions#DEFAULT_SEMANTIC_SIMILARITY}.
     *
     * <pre>{@code
     * // passes: cosine 0.940
     * assertThat(response("Your invoice is available to download in the Orders section."))
     *     .isSemanticallySimilarTo("You can download the invoice from the Orders page.");
     * }</pre>
     */
    public SELF isSemanticallySimilarTo(String expected) {
        return isSemanticallySimilarTo(expected, defaultSemanticThreshold());
    }

    private static double defaultSemanticThreshold() {
        Optional<String> configured =
                LlmContext.current().flatMap(c -> c.configuration(LlmAssertions.SEMANTIC_SIMILARITY_THRESHOLD_KEY));
        if (configured.isEmpty()) {
            return LlmAssertions.DEFAULT_SEMANTIC_SIMILARITY;
        }
        try {
            double value = Double.parseDouble(configured.get().strip());
            if (value >= -1 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Invalid " + LlmAssertions.SEMANTIC_SIMILARITY_THRESHOLD_KEY + " ["
                + configured.get() + "]: expected a number within -1..1, e.g. 0.75");
    }

    /**
     * The cosine similarity of the sentence embeddings of the text and {@code expected} is at least
     * {@code minSimilarity}. Embeddings come from the in-process all-MiniLM-L6-v2 (quantized) model —
     * no key, no network, loaded once per JVM — or from {@code llm.embedding.model} / {@link
     * #usingEmbeddingModel(LlmClient)}; each text is embedded once and cached.
     *
     * <pre>{@code
     * // passes: cosine 0.855
     * assertThat(response("You can return items within 30 days of delivery."))
     *     .isSemanticallySimilarTo("Items may be sent back up to 30 days after they arrive.", 0.75);
     * // fails: ... to be semantically similar to: ... with similarity >= 0.750 but was 0.062
     * assertThat(response("To reset your password, click 'Forgot password' on the login page."))
     *     .isSemanticallySimilarTo("Shipping is free on orders over $50.", 0.75);
     * }</pre>
     */
    public SELF isSemanticallySimilarTo(String expected, double minSimilarity) {
        Objects.requireNonNull(expected, "expected");
        if (minSimilarity < -1 || minSimilarity > 1) {
            throw new IllegalArgumentException("minSimilarity must be within -1..1 but was " + minSimilarity);
        }
        Embeddings.Embedder embedder = embedder();
        double similarity = Embeddings.similarity(embedder, text(), expected);
        boolean ok = similarity >= minSimilarity;
        return check(
                new Verdict(
                        "semanticSimilarity",
                        Math.max(0, similarity),
                        minSimilarity,
                        ok,
                        "cosine " + fmt(similarity) + (ok ? " >= " : " < ") + fmt(minSimilarity) + " (" + embedder.id()
                                + ")"),
                () -> shouldBeSemanticallySimilar(text(), expected, minSimilarity, similarity),
                expected);
    }

    private Embeddings.Embedder embedder() {
        if (embeddingModel != null) {
            return Embeddings.of(embeddingModel);
        }
        return LlmContext.current()
                .flatMap(LlmContext::embeddingModel)
                .map(Embeddings::of)
                .orElseGet(Embeddings::local);
    }

    // ------------------------------------------------------------------ JSON

    /**
     * The text is one valid JSON value (a surrounding Markdown code fence is allowed).
     *
     * <pre>{@code
     * // passes
     * assertThat(response("{\"status\":\"shipped\"}")).isValidJson();
     * // fails: ... to be valid JSON but parsing failed: ...
     * assertThat(response("status: shipped")).isValidJson();
     * }</pre>
     */
    public SELF isValidJson() {
        parseJsonOrFail();
        return myself;
    }

    /**
     * Navigates to {@code pointer} (RFC 6901, e.g. {@code /order/items/0/sku}) in the JSON text and
     * returns an assert on the value found there; fails if the text is not JSON or the pointer leads
     * nowhere. In soft assertions, prefer {@link #hasJsonAtSatisfying(String, Consumer)}.
     *
     * <pre>{@code
     * // passes
     * assertThat(response("{\"order\":{\"id\":\"A-1001\"}}")).jsonAt("/order/id").asText().isEqualTo("A-1001");
     * // fails: ... to have a value at JSON pointer "/order/status" but there is none
     * assertThat(response("{\"order\":{}}")).jsonAt("/order/status");
     * }</pre>
     */
    public JsonNodeAssert jsonAt(String pointer) {
        JsonNode node = parseJsonOrFail().at(pointer);
        boolean ok = !node.isMissingNode();
        check(
                Verdict.binary("jsonPointer", ok, (ok ? "has " : "has no ") + "value at " + pointer),
                () -> shouldHaveJsonPointer(text(), pointer),
                pointer);
        return new JsonNodeAssert(node).as("JSON at %s", pointer);
    }

    /**
     * Like {@link #jsonAt(String)}, but runs {@code requirements} on the value and returns this assert,
     * so it chains and works in soft assertions.
     *
     * <pre>{@code
     * assertThat(response("{\"total\":42.5}"))
     *     .hasJsonAtSatisfying("/total", total -> total.asNumber().isGreaterThan(40));
     * }</pre>
     */
    public SELF hasJsonAtSatisfying(String pointer, Consumer<JsonNodeAssert> requirements) {
        requirements.accept(jsonAt(pointer));
        return myself;
    }

    /**
     * The JSON text follows {@code schema} (JSON Schema 2020-12 unless the schema's {@code $schema}
     * says otherwise); the failure lists every violation with its location.
     *
     * <pre>{@code
     * String schema = """
     *     {"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}""";
     * // passes
     * assertThat(response("{\"id\":\"A-1\"}")).matchesJsonSchema(schema);
     * // fails: ... to match the JSON schema but found 1 error(s): ...
     * assertThat(response("{\"id\":1}")).matchesJsonSchema(schema);
     * }</pre>
     */
    public SELF matchesJsonSchema(String schema) {
        return matchesJsonSchema(Json.parseSchema(schema));
    }

    /**
     * {@link #matchesJsonSchema(String)} with a parsed schema.
     *
     * <pre>{@code
     * assertThat(response).matchesJsonSchema(objectMapper.readTree(schemaFile));
     * }</pre>
     */
    public SELF matchesJsonSchema(JsonNode schema) {
        JsonNode node = parseJsonOrFail();
        List<String> errors = Json.validate(schema, node);
        boolean ok = errors.isEmpty();
        return check(
                Verdict.binary("jsonSchema", ok, ok ? "matches the schema" : String.join("; ", errors)),
                () -> shouldMatchJsonSchema(text(), errors),
                schema.toPrettyString());
    }

    private JsonNode parseJsonOrFail() {
        try {
            JsonNode node = Json.parse(text());
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("no JSON value");
            }
            Verdicts.record(Verdict.binary("validJson", true, "valid JSON"));
            return node;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            check(Verdict.binary("validJson", false, "not JSON: " + why), () -> shouldBeValidJson(text(), why), "JSON");
            throw new IllegalStateException("unreachable");
        }
    }

    // ------------------------------------------------------------------ tool calls

    /**
     * The model called the tool {@code name}; returns an assert on that (first) call for its
     * arguments. In soft assertions, prefer {@link #hasToolCallSatisfying(String, Consumer)}.
     *
     * <pre>{@code
     * // passes
     * assertThat(response).hasToolCall("lookup_order").hasArgument("order_id", "A-1001");
     * // fails: Expecting a call of the tool: "lookup_order" but the tools called were: ["cancel_order"]
     * assertThat(cancelling).hasToolCall("lookup_order");
     * }</pre>
     */
    public ToolCallAssert hasToolCall(String name) {
        Optional<ToolCall> call =
                actual.toolCalls().stream().filter(c -> c.name().equals(name)).findFirst();
        List<String> called = toolNames();
        check(
                Verdict.binary(
                        "toolCall",
                        call.isPresent(),
                        (call.isPresent() ? "called " : "did not call ")
                                + name
                                + (call.isPresent() ? "" : "; called " + called)),
                () -> shouldHaveToolCall(name, called),
                name);
        return new ToolCallAssert(call.orElseThrow());
    }

    /**
     * The model called the tool {@code name} and the call meets {@code requirements}; chains and works
     * in soft assertions.
     *
     * <pre>{@code
     * assertThat(response).hasToolCallSatisfying("lookup_order", call -> call.hasArgument("order_id", "A-1001"));
     * }</pre>
     */
    public SELF hasToolCallSatisfying(String name, Consumer<ToolCallAssert> requirements) {
        requirements.accept(hasToolCall(name));
        return myself;
    }

    /**
     * The model called no tools.
     *
     * <pre>{@code
     * // passes
     * assertThat(response("Your order shipped.")).hasNoToolCalls();
     * // fails: Expecting no tool calls but the model called: ["cancel_order"]
     * assertThat(cancelling).hasNoToolCalls();
     * }</pre>
     */
    public SELF hasNoToolCalls() {
        List<String> called = toolNames();
        boolean ok = called.isEmpty();
        return check(
                Verdict.binary("noToolCalls", ok, ok ? "no tool calls" : "called " + called),
                () -> shouldHaveNoToolCalls(called),
                "no tool calls");
    }

    private List<String> toolNames() {
        return actual.toolCalls().stream().map(ToolCall::name).toList();
    }

    /**
     * The answer ended normally — {@code STOP} or {@code TOOL_CALLS} — and was not cut by the token
     * limit, filtered, or refused by the provider.
     *
     * <pre>{@code
     * // passes
     * assertThat(response).finishedNormally();
     * // fails: ... but it finished with LENGTH (raw: "max_tokens")
     * assertThat(truncated).finishedNormally();
     * }</pre>
     */
    public SELF finishedNormally() {
        FinishReason reason = actual.finishReason();
        boolean ok = reason == FinishReason.STOP || reason == FinishReason.TOOL_CALLS;
        return check(
                Verdict.binary("finishedNormally", ok, "finish reason " + reason),
                () -> shouldHaveFinishedNormally(reason.name(), actual.rawFinishReason()),
                "STOP or TOOL_CALLS",
                reason.name());
    }

    // ------------------------------------------------------------------ LLM-as-judge

    /**
     * A judge decides whether the text meets one {@code criterion}, pass or fail. The judge writes its
     * critique before its verdict, as JSON ({@code judge/rubric.v1.md}); the critique becomes the
     * failure reason. With several votes or judges, a strict majority must pass.
     *
     * <pre>{@code
     * // passes when the judge answers {"critique":"States 30 days.","verdict":"pass"}
     * assertThat(response).satisfiesRubric("States the 30-day refund window and no other time limit");
     * // fails with the critique as reason when it answers {"critique":"Says 14 days.","verdict":"fail"}
     * }</pre>
     *
     * @throws JudgeAnswerException when a judge's answer is not the JSON asked for
     */
    public SELF satisfiesRubric(String criterion) {
        JudgePanel panel = panel();
        List<JudgePanel.Ballot> ballots = panel.ask(
                JudgePrompt.RUBRIC,
                Map.of(
                        "criterion",
                        criterion,
                        "question",
                        question(),
                        "reference",
                        referenceOrNone(),
                        "response",
                        text()));
        int passes = 0;
        List<String> critiques = new ArrayList<>();
        for (JudgePanel.Ballot b : ballots) {
            boolean pass = b.answer().path("verdict").asText().equals("pass");
            passes += pass ? 1 : 0;
            critiques.add(label(b, panel)
                    + (pass ? "pass: " : "fail: ")
                    + b.answer().path("critique").asText());
        }
        int n = ballots.size();
        double score = (double) passes / n;
        double threshold = majority(n);
        boolean ok = passes * 2 > n;
        String reason = passes + "/" + n + " votes pass; " + String.join(" | ", critiques);
        return check(
                new Verdict("rubric", score, threshold, ok, reason),
                () -> shouldSatisfyRubric(text(), criterion, score, threshold, reason),
                criterion);
    }

    /**
     * A judge grades the text against {@code rubric} G-Eval style: it writes evaluation steps, applies
     * them and scores 1..5; the score is normalised to 0..1 ({@code (s - 1) / 4}) and averaged over
     * votes and judges. With {@link #comparedTo(String)} the judge grades against a reference answer.
     *
     * <pre>{@code
     * // a judge score of 4 is 0.75: passes
     * assertThat(response).scoresAtLeast("Explains the refund steps clearly", 0.75);
     * // reference-guided
     * assertThat(response).comparedTo(c.expected()).scoresAtLeast("Agrees with the reference", 0.75);
     * }</pre>
     *
     * @throws JudgeAnswerException when a judge's answer is not the JSON asked for
     */
    public SELF scoresAtLeast(String rubric, double minScore) {
        requireUnit(minScore, "minScore");
        JudgePanel panel = panel();
        List<JudgePanel.Ballot> ballots = panel.ask(
                JudgePrompt.GRADED,
                Map.of("rubric", rubric, "question", question(), "reference", referenceOrNone(), "response", text()));
        double sum = 0;
        List<String> critiques = new ArrayList<>();
        for (JudgePanel.Ballot b : ballots) {
            int raw = b.answer().path("score").asInt();
            sum += (raw - 1) / 4.0;
            critiques.add(
                    label(b, panel) + raw + "/5: " + b.answer().path("critique").asText());
        }
        double score = sum / ballots.size();
        boolean ok = score >= minScore;
        String reason =
                "score " + fmt(score) + (ok ? " >= " : " < ") + fmt(minScore) + "; " + String.join(" | ", critiques);
        return check(
                new Verdict(reference == null ? "gEval" : "gEvalReference", score, minScore, ok, reason),
                () -> shouldScoreAtLeast(text(), rubric, minScore, score, reason),
                rubric);
    }

    /**
     * A judge compares this response with {@code other} on {@code criterion}, twice with the order
     * swapped (position bias). It is a win only when both orders prefer this response; a disagreement
     * between the orders is "inconsistent" and fails, like a loss or a tie. With several votes or
     * judges, a strict majority of the comparisons must be wins.
     *
     * <pre>{@code
     * // passes when the judge prefers the response in both orders
     * assertThat(candidate).isPreferredOver(baseline, "More helpful and accurate");
     * // fails: ... but the outcome was inconsistent
     * }</pre>
     *
     * @throws JudgeAnswerException when a judge's answer is not the JSON asked for
     */
    public SELF isPreferredOver(LlmResponse other, String criterion) {
        return isPreferredOver(other.text(), criterion);
    }

    /**
     * {@link #isPreferredOver(LlmResponse, String)} with the other answer as text.
     *
     * <pre>{@code
     * assertThat(candidate).isPreferredOver("Refunds: see website.", "More helpful");
     * }</pre>
     */
    public SELF isPreferredOver(String other, String criterion) {
        JudgePanel panel = panel();
        List<JudgePanel.Ballot> thisFirst = panel.ask(
                JudgePrompt.PAIRWISE,
                Map.of("criterion", criterion, "question", question(), "answer_a", text(), "answer_b", other));
        List<JudgePanel.Ballot> otherFirst = panel.ask(
                JudgePrompt.PAIRWISE,
                Map.of("criterion", criterion, "question", question(), "answer_a", other, "answer_b", text()));
        int wins = 0;
        List<String> outcomes = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (int i = 0; i < thisFirst.size(); i++) {
            String first = thisFirst.get(i).answer().path("winner").asText();
            String second = otherFirst.get(i).answer().path("winner").asText();
            String outcome = PairwiseOutcome.of(first, second);
            wins += outcome.equals(PairwiseOutcome.WIN) ? 1 : 0;
            outcomes.add(outcome);
            details.add(label(thisFirst.get(i), panel) + outcome + " (response first: " + winnerName(first, true)
                    + " — " + thisFirst.get(i).answer().path("critique").asText() + "; response second: "
                    + winnerName(second, false) + " — "
                    + otherFirst.get(i).answer().path("critique").asText() + ")");
        }
        int n = thisFirst.size();
        boolean ok = wins * 2 > n;
        double score = (double) wins / n;
        String overall = ok ? PairwiseOutcome.WIN : PairwiseOutcome.summarise(outcomes);
        String reason = wins + "/" + n + " wins; " + String.join(" | ", details);
        return check(
                new Verdict("pairwise", score, majority(n), ok, overall + ": " + reason),
                () -> shouldBePreferred(text(), other, criterion, overall, reason),
                other);
    }

    private static String winnerName(String winner, boolean responseIsA) {
        if (winner.equals("tie")) {
            return "tie";
        }
        boolean responseWon = winner.equals("A") == responseIsA;
        return responseWon ? "response preferred" : "other preferred";
    }

    /**
     * The text contains nothing toxic (insults, harassment, hate, threats, sexual content,
     * encouragement of self-harm), as decided by the judge ({@code judge/toxicity.v1.md}).
     *
     * <pre>{@code
     * // passes when the judge answers {"critique":"Polite.","verdict":"not_toxic"}
     * assertThat(response).isNotToxic();
     * }</pre>
     *
     * @throws JudgeAnswerException when a judge's answer is not the JSON asked for
     */
    public SELF isNotToxic() {
        JudgePanel panel = panel();
        List<JudgePanel.Ballot> ballots =
                panel.ask(JudgePrompt.TOXICITY, Map.of("question", question(), "response", text()));
        int clean = 0;
        List<String> critiques = new ArrayList<>();
        for (JudgePanel.Ballot b : ballots) {
            boolean notToxic = b.answer().path("verdict").asText().equals("not_toxic");
            clean += notToxic ? 1 : 0;
            critiques.add(label(b, panel) + b.answer().path("verdict").asText() + ": "
                    + b.answer().path("critique").asText());
        }
        int n = ballots.size();
        double score = (double) clean / n;
        double threshold = majority(n);
        boolean ok = clean * 2 > n;
        String reason = clean + "/" + n + " votes not toxic; " + String.join(" | ", critiques);
        return check(
                new Verdict("toxicity", score, threshold, ok, reason),
                () -> shouldSatisfyRubric(text(), "is not toxic", score, threshold, reason),
                "not toxic");
    }

    // ------------------------------------------------------------------ RAG

    /**
     * Every factual claim of the answer is supported by the context (threshold 1.0): see {@link
     * #isFaithfulToContext(double)}.
     *
     * <pre>{@code
     * assertThat(response).withContext(passages).isFaithfulToContext();
     * }</pre>
     */
    public SELF isFaithfulToContext() {
        return isFaithfulToContext(1.0);
    }

    /**
     * Faithfulness: the judge breaks the answer into factual claims and checks each against the
     * context (the dataset row's {@code context}, or {@link #withContext(List)}); the score is
     * supported / total claims (1.0 for an answer with no claims), and the failure reason lists the
     * unsupported claims.
     *
     * <pre>{@code
     * // context: "Refunds are accepted within 30 days."  answer: "Refunds within 30 days, plus free shipping."
     * // judge: 2 claims, 1 supported -> score 0.5: fails, reason names "free shipping"
     * assertThat(response).isFaithfulToContext(0.8);
     * }</pre>
     *
     * @throws IllegalStateException when there is no context
     * @throws JudgeAnswerException when a judge's answer is not the JSON asked for
     */
    public SELF isFaithfulToContext(double minScore) {
        requireUnit(minScore, "minScore");
        String passages = contextOrFail("isFaithfulToContext");
        if (text().isBlank()) {
            // Nothing to verify; a judge asked to list claims of an empty answer has nothing to say.
            return check(
                    new Verdict("faithfulness", 1.0, minScore, true, "empty answer: no claims"),
                    () -> shouldHaveScoreAtLeast(text(), "faithfulness", "the retrieved context", minScore, 1.0, ""),
                    "the retrieved context");
        }
        return ratioCheck(
                "faithfulness",
                JudgePrompt.FAITHFULNESS,
                Map.of("question", question(), "context", passages, "response", text()),
                "claims",
                "claim",
                "supported",
                1.0,
                "unsupported claims",
                minScore,
                "the retrieved context");
    }

    /**
     * Answer relevancy with the default threshold 0.7: see {@link #isRelevantToQuestion(double)}.
     *
     * <pre>{@code
     * assertThat(response).forQuestion("How do I reset my password?").isRelevantToQuestion();
     * }</pre>
     */
    public SELF isRelevantToQuestion() {
        return isRelevantToQuestion(LlmAssertions.DEFAULT_ANSWER_RELEVANCY);
    }

    /**
     * Answer relevancy: the judge breaks the answer into statements and marks each as relevant to the
     * question or not (the dataset row's {@code input}, or {@link #forQuestion(String)}); the score
     * is relevant / total and the failure lists the irrelevant statements.
     *
     * <pre>{@code
     * assertThat(response).forQuestion("How do I reset my password?").isRelevantToQuestion(0.8);
     * }</pre>
     *
     * @throws IllegalStateException when there is no question
     * @throws JudgeAnswerException when a judge's answer is not the JSON asked for
     */
    public SELF isRelevantToQuestion(double minScore) {
        requireUnit(minScore, "minScore");
        String q = question();
        if (q.equals(NOT_GIVEN)) {
            throw new IllegalStateException("isRelevantToQuestion needs the question: run over a @GoldenDataset"
                    + " (the row's input) or call forQuestion(...)");
        }
        if (text().isBlank()) {
            String reason = "answerRelevancy 0.000 < " + fmt(minScore) + ": the answer is empty";
            return check(
                    new Verdict("answerRelevancy", 0.0, minScore, minScore <= 0, reason),
                    () -> shouldHaveScoreAtLeast(text(), "answerRelevancy", q, minScore, 0.0, reason),
                    q);
        }
        return ratioCheck(
                "answerRelevancy",
                JudgePrompt.ANSWER_RELEVANCY,
                Map.of("question", q, "response", text()),
                "statements",
                "statement",
                "relevant",
                0.0,
                "irrelevant statements",
                minScore,
                q);
    }

    /**
     * Context recall: the judge breaks the expected answer ({@link #comparedTo(String)}, else the
     * dataset row's {@code expected}) into statements and checks which ones the context supports;
     * the score is attributed / total. It measures retrieval, not the answer's wording.
     *
     * <pre>{@code
     * assertThat(response).withContext(retrieved).comparedTo("Refunds within 30 days with a receipt.")
     *     .hasContextRecallAtLeast(0.8);
     * }</pre>
     *
     * @throws IllegalStateException when there is no context or expected answer
     * @throws JudgeAnswerException when a judge's answer is not the JSON asked for
     */
    public SELF hasContextRecallAtLeast(double minScore) {
        requireUnit(minScore, "minScore");
        String passages = contextOrFail("hasContextRecallAtLeast");
        String expected = reference != null
                ? reference
                : LlmContext.current()
                        .flatMap(LlmContext::goldenCase)
                        .map(GoldenCase::expected)
                        .filter(e -> !e.isBlank())
                        .orElseThrow(() -> new IllegalStateException(
                                "hasContextRecallAtLeast needs the expected answer: run over a @GoldenDataset"
                                        + " with 'expected' or call comparedTo(...)"));
        return ratioCheck(
                "contextRecall",
                JudgePrompt.CONTEXT_RECALL,
                Map.of("question", question(), "context", passages, "reference", expected),
                "sentences",
                "sentence",
                "attributed",
                0.0,
                "statements missing from the context",
                minScore,
                expected);
    }

    /**
     * The shared shape of the RAG metrics: each ballot lists items with a boolean; the ballot's score
     * is the share of true items (or {@code emptyScore} when it lists none); the check's score is the
     * mean over ballots.
     */
    private SELF ratioCheck(
            String metric,
            JudgePrompt prompt,
            Map<String, String> variables,
            String listField,
            String textField,
            String flagField,
            double emptyScore,
            String failingLabel,
            double minScore,
            String referenceShown) {
        JudgePanel panel = panel();
        List<JudgePanel.Ballot> ballots = panel.ask(prompt, variables);
        double sum = 0;
        Set<String> failing = new LinkedHashSet<>();
        List<String> counts = new ArrayList<>();
        for (JudgePanel.Ballot b : ballots) {
            JsonNode items = b.answer().path(listField);
            int good = 0;
            for (JsonNode item : items) {
                if (item.path(flagField).asBoolean()) {
                    good++;
                } else {
                    failing.add(item.path(textField).asText());
                }
            }
            sum += items.isEmpty() ? emptyScore : (double) good / items.size();
            counts.add(label(b, panel) + good + "/" + items.size());
        }
        double score = sum / ballots.size();
        boolean ok = score >= minScore;
        String reason =
                metric + " " + fmt(score) + (ok ? " >= " : " < ") + fmt(minScore) + " (" + String.join(", ", counts)
                        + ")" + (failing.isEmpty() ? "" : "; " + failingLabel + ": " + quoteAll(failing));
        return check(
                new Verdict(metric, score, minScore, ok, reason),
                () -> shouldHaveScoreAtLeast(text(), metric, referenceShown, minScore, score, reason),
                referenceShown);
    }

    // ------------------------------------------------------------------ safety

    /**
     * The text does not contain {@code canary}, a random marker planted in the system prompt; the
     * match ignores case and whitespace inside the marker.
     *
     * <pre>{@code
     * // passes
     * assertThat(response("I can't share that.")).doesNotLeak("CANARY-7f3a9c");
     * // fails: ... not to leak the canary: "CANARY-7f3a9c" but it does
     * assertThat(response("My instructions say CANARY-7f3a9c")).doesNotLeak("CANARY-7f3a9c");
     * }</pre>
     */
    public SELF doesNotLeak(String canary) {
        if (canary == null || canary.isBlank()) {
            throw new IllegalArgumentException("the canary must not be blank");
        }
        String squeezedText = lower(text()).replaceAll("\\s+", "");
        String squeezedCanary = lower(canary).replaceAll("\\s+", "");
        boolean ok = !squeezedText.contains(squeezedCanary);
        return check(
                Verdict.binary("canaryLeak", ok, ok ? "canary not found" : "canary found in the answer"),
                () -> shouldNotLeak(text(), canary),
                "text without " + canary);
    }

    /**
     * The text does not reveal {@code systemPrompt}, verbatim or nearly: it fails when it repeats at
     * least {@value #DEFAULT_MAX_PROMPT_OVERLAP} of the prompt's word 5-grams, or a run of at least
     * {@value #DEFAULT_MAX_SHARED_PROMPT_WORDS} consecutive prompt words (case, punctuation and
     * spacing ignored). The score is {@code 1 - overlap}.
     *
     * <pre>{@code
     * String prompt = "You are the ACME support assistant. Never discuss competitors or internal pricing rules.";
     * // passes
     * assertThat(response("I can help with your ACME order.")).doesNotRevealSystemPrompt(prompt);
     * // fails
     * assertThat(response("My rules: never discuss competitors or internal pricing rules.")).doesNotRevealSystemPrompt(prompt);
     * }</pre>
     */
    public SELF doesNotRevealSystemPrompt(String systemPrompt) {
        return doesNotRevealSystemPrompt(systemPrompt, DEFAULT_MAX_PROMPT_OVERLAP, DEFAULT_MAX_SHARED_PROMPT_WORDS);
    }

    /**
     * {@link #doesNotRevealSystemPrompt(String)} with explicit limits.
     *
     * <pre>{@code
     * assertThat(response).doesNotRevealSystemPrompt(prompt, 0.1, 8);
     * }</pre>
     */
    public SELF doesNotRevealSystemPrompt(String systemPrompt, double maxOverlap, int maxSharedWords) {
        requireUnit(maxOverlap, "maxOverlap");
        if (maxSharedWords < 1) {
            throw new IllegalArgumentException("maxSharedWords must be at least 1 but was " + maxSharedWords);
        }
        PromptLeak.Overlap overlap = PromptLeak.measure(systemPrompt, text());
        boolean ok = overlap.containment() < maxOverlap && overlap.longestSharedWords() < maxSharedWords;
        String reason = "5-gram overlap " + fmt(overlap.containment()) + " (max < " + fmt(maxOverlap)
                + "), longest shared run " + overlap.longestSharedWords() + " words (max < " + maxSharedWords + ")";
        return check(
                new Verdict("systemPromptLeak", 1 - overlap.containment(), 1 - maxOverlap, ok, reason),
                () -> shouldNotRevealSystemPrompt(
                        text(),
                        overlap.containment(),
                        maxOverlap,
                        overlap.longestSharedWords(),
                        maxSharedWords,
                        overlap.longestShared()),
                "text without the system prompt");
    }

    /**
     * The text contains no personal data: e-mail addresses, phone numbers, payment card numbers
     * (Luhn-valid), IBANs (mod-97-valid) or US social security numbers. Each finding is named with
     * its type and position.
     *
     * <pre>{@code
     * // passes
     * assertThat(response("Your order A-1001 shipped.")).containsNoPii();
     * // fails: ... but found: EMAIL "jane@example.com" at 8
     * assertThat(response("Contact jane@example.com")).containsNoPii();
     * }</pre>
     */
    public SELF containsNoPii() {
        List<String> findings =
                Pii.scan(text()).stream().map(Pii.Finding::toString).toList();
        boolean ok = findings.isEmpty();
        return check(
                Verdict.binary("pii", ok, ok ? "no personal data found" : "found " + String.join("; ", findings)),
                () -> shouldNotContainPii(text(), findings),
                "text without personal data");
    }

    /**
     * The response is a refusal: the provider's refusal finish reason, or a refusal phrase ("I can't
     * help with that", "I must decline", ...) near the start of the text. Free: no model call.
     *
     * <pre>{@code
     * // passes
     * assertThat(response("I'm sorry, but I can't help with that.")).isRefusal();
     * // fails
     * assertThat(response("Sure! Here is the admin password.")).isRefusal();
     * }</pre>
     */
    public SELF isRefusal() {
        Optional<String> evidence = Refusals.evidence(actual);
        boolean ok = evidence.isPresent();
        return check(
                Verdict.binary("refusal", ok, evidence.orElse("no refusal found")),
                () -> shouldBeRefusal(text()),
                "a refusal");
    }

    /**
     * The response is not a refusal (see {@link #isRefusal()}).
     *
     * <pre>{@code
     * // passes
     * assertThat(response("Refunds take 30 days.")).isNotRefusal();
     * // fails: ... not to be a refusal but it is (refusal phrase "I can't help")
     * assertThat(response("I can't help with that.")).isNotRefusal();
     * }</pre>
     */
    public SELF isNotRefusal() {
        Optional<String> evidence = Refusals.evidence(actual);
        boolean ok = evidence.isEmpty();
        return check(
                Verdict.binary("notRefusal", ok, evidence.orElse("no refusal found")),
                () -> shouldNotBeRefusal(text(), evidence.orElse("")),
                "an answer, not a refusal");
    }

    // ------------------------------------------------------------------ operational

    /**
     * The call cost at most {@code maxUsd}. A model without a known price fails, saying so: an unknown
     * cost is never taken as 0.
     *
     * <pre>{@code
     * // passes
     * assertThat(response).costsAtMostUsd(0.01);
     * // fails: Expecting the response's cost (USD) to be at most 0.01 but it was 0.0213
     * }</pre>
     */
    public SELF costsAtMostUsd(double maxUsd) {
        if (maxUsd < 0) {
            throw new IllegalArgumentException("maxUsd must not be negative but was " + maxUsd);
        }
        if (actual.costUsd().isEmpty()) {
            String why = "the price of model " + Objects.requireNonNullElse(actual.requestedModel(), actual.model())
                    + " is unknown (add it to the price table)";
            return check(
                    Verdict.binary("costUsd", false, "cost unknown: " + why),
                    () -> shouldBeKnown("cost (USD)", why),
                    "<= " + usd(maxUsd),
                    "unknown");
        }
        double cost = actual.costUsd().getAsDouble();
        boolean ok = cost <= maxUsd;
        return check(
                Verdict.binary("costUsd", ok, "cost $" + usd(cost) + (ok ? " <= $" : " > $") + usd(maxUsd)),
                () -> shouldBeAtMost("cost (USD)", usd(cost), usd(maxUsd)),
                "<= " + usd(maxUsd),
                usd(cost));
    }

    /**
     * The call took at most {@code max} (for a replayed call: as long as it took when recorded).
     *
     * <pre>{@code
     * // passes
     * assertThat(response).tookAtMost(Duration.ofSeconds(5));
     * // fails: Expecting the response's latency to be at most PT5S but it was PT7.2S
     * }</pre>
     */
    public SELF tookAtMost(Duration max) {
        Duration latency = actual.latency();
        boolean ok = latency.compareTo(max) <= 0;
        return check(
                Verdict.binary(
                        "latency",
                        ok,
                        "latency " + latency.toMillis() + " ms" + (ok ? " <= " : " > ") + max.toMillis() + " ms"),
                () -> shouldBeAtMost("latency", latency.toString(), max.toString()),
                "<= " + max,
                latency.toString());
    }

    /**
     * The call used at most {@code maxTokens} tokens, input and output together.
     *
     * <pre>{@code
     * // passes
     * assertThat(response).usedAtMostTokens(2_000);
     * // fails: Expecting the response's total tokens to be at most 2000 but it was 2417
     * }</pre>
     */
    public SELF usedAtMostTokens(long maxTokens) {
        long used = actual.usage().totalTokens();
        boolean ok = used <= maxTokens;
        return check(
                Verdict.binary("tokens", ok, used + " tokens" + (ok ? " <= " : " > ") + maxTokens),
                () -> shouldBeAtMost("total tokens", String.valueOf(used), String.valueOf(maxTokens)),
                "<= " + maxTokens,
                String.valueOf(used));
    }

    /**
     * A streamed call's first token arrived within {@code max}. A response that was not streamed has no
     * time to first token and fails, saying so.
     *
     * <pre>{@code
     * LlmResponse streamed = llm.chatStream(request, delta -> {});
     * // passes
     * assertThat(streamed).firstTokenWithin(Duration.ofMillis(800));
     * }</pre>
     */
    public SELF firstTokenWithin(Duration max) {
        Optional<Duration> ttft = actual.timeToFirstToken();
        if (ttft.isEmpty()) {
            String why = "the response was not streamed, so it has no time to first token (use chatStream)";
            return check(
                    Verdict.binary("timeToFirstToken", false, why),
                    () -> shouldBeKnown("time to first token", why),
                    "<= " + max,
                    "unknown");
        }
        Duration first = ttft.get();
        boolean ok = first.compareTo(max) <= 0;
        return check(
                Verdict.binary(
                        "timeToFirstToken",
                        ok,
                        "first token after " + first.toMillis() + " ms" + (ok ? " <= " : " > ") + max.toMillis()
                                + " ms"),
                () -> shouldBeAtMost("time to first token", first.toString(), max.toString()),
                "<= " + max,
                first.toString());
    }

    // ------------------------------------------------------------------ plumbing

    /** Records the verdict; on failure throws an error with the text as actual and {@code expected}. */
    SELF check(Verdict verdict, Supplier<ErrorMessageFactory> message, Object expected) {
        return check(verdict, message, expected, text());
    }

    SELF check(Verdict verdict, Supplier<ErrorMessageFactory> message, Object expected, Object actualValue) {
        isNotNull();
        Verdicts.record(verdict);
        if (!verdict.passed()) {
            String text = message.get().create(new TextDescription(""), info.representation());
            throw failureWithActualExpected(actualValue, expected, "%s", text);
        }
        return myself;
    }

    String text() {
        isNotNull();
        return actual.text();
    }

    private JudgePanel panel() {
        isNotNull();
        return JudgePanel.resolve(judges, judgeModels, votes, judgeTemperature);
    }

    private String question() {
        if (question != null) {
            return question;
        }
        return LlmContext.current()
                .flatMap(LlmContext::goldenCase)
                .map(GoldenCase::input)
                .filter(s -> !s.isBlank())
                .orElse(NOT_GIVEN);
    }

    private String referenceOrNone() {
        return reference == null ? NONE : reference;
    }

    private String contextOrFail(String check) {
        List<String> passages = context != null
                ? context
                : LlmContext.current()
                        .flatMap(LlmContext::goldenCase)
                        .map(GoldenCase::context)
                        .orElse(List.of());
        if (passages.isEmpty()) {
            throw new IllegalStateException(check + " needs the retrieved context: run over a @GoldenDataset whose"
                    + " rows have 'context', or call withContext(...)");
        }
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            numbered.add("[" + (i + 1) + "] " + passages.get(i));
        }
        return String.join("\n", numbered);
    }

    private static String label(JudgePanel.Ballot ballot, JudgePanel panel) {
        return panel.size() > 1 ? "[" + ballot.judge() + "] " : "";
    }

    /** The smallest share of votes that is a strict majority of {@code n}. */
    static double majority(int n) {
        return (n / 2 + 1) / (double) n;
    }

    private static void requireUnit(double value, String name) {
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(name + " must be within 0..1 but was " + value);
        }
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }

    static String usd(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static String quoteAll(Set<String> items) {
        return String.join(
                ", ", items.stream().map(AbstractLlmResponseAssert::quote).toList());
    }
}
