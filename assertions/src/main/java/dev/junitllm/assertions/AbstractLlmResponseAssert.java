package dev.junitllm.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitllm.JudgeAnswerException;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmResponse;
import dev.junitllm.Verdict;
import dev.junitllm.assertions.internal.Check;
import dev.junitllm.assertions.internal.Verdicts;
import dev.junitllm.assertions.internal.error.ShouldSatisfyJudge;
import dev.junitllm.assertions.internal.judge.JudgeChecks;
import dev.junitllm.assertions.internal.judge.JudgeInputs;
import dev.junitllm.assertions.internal.judge.JudgePanel;
import dev.junitllm.assertions.internal.judge.RagChecks;
import dev.junitllm.assertions.internal.operational.OperationalChecks;
import dev.junitllm.assertions.internal.safety.SafetyChecks;
import dev.junitllm.assertions.internal.semantic.SemanticChecks;
import dev.junitllm.assertions.internal.structure.Json;
import dev.junitllm.assertions.internal.structure.StructureChecks;
import dev.junitllm.assertions.internal.text.SimilarityChecks;
import dev.junitllm.assertions.internal.text.TextChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

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
@API(status = API.Status.STABLE, since = "0.1")
public abstract class AbstractLlmResponseAssert<SELF extends AbstractLlmResponseAssert<SELF>>
        extends AbstractAssert<SELF, LlmResponse> {

    /** Default maximum share of the system prompt's word 5-grams an answer may repeat. */
    public static final double DEFAULT_MAX_PROMPT_OVERLAP = 0.2;

    /** Default longest run of system-prompt words an answer may repeat verbatim. */
    public static final int DEFAULT_MAX_SHARED_PROMPT_WORDS = 10;

    // The criteria under which human labels decide the RAG and pairwise checks (llm.labels.dir).
    private static final String FAITHFUL = "faithful to the context";
    private static final String RELEVANT = "relevant to the question";
    private static final String CONTEXT_RECALL = "context recall";
    private static final String PREFERRED_OVER = "preferred over the other answer: ";

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
        return check(TextChecks.contains(text(), expected));
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
        return check(TextChecks.containsIgnoringCase(text(), expected));
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
        return check(TextChecks.containsAnyOf(text(), List.of(values)));
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
        return check(TextChecks.containsAllOf(text(), List.of(values)));
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
        return check(TextChecks.doesNotContain(text(), List.of(values)));
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
        return check(TextChecks.matches(text(), regex));
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
        return check(TextChecks.startsWith(text(), prefix));
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
        return check(TextChecks.lengthBetween(text(), min, max));
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
        return check(TextChecks.wordCountBetween(text(), min, max));
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
        return check(SimilarityChecks.levenshtein(text(), expected, min));
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
        return check(SimilarityChecks.jaroWinkler(text(), expected, min));
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
        return check(SimilarityChecks.cosine(text(), expected, min));
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
        return check(SimilarityChecks.rougeL(text(), reference, min));
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
        return check(SimilarityChecks.bleu(text(), reference, min));
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
        return isSemanticallySimilarTo(expected, SemanticChecks.defaultThreshold());
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
        return check(SemanticChecks.similar(text(), expected, minSimilarity, embeddingModel));
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
        json();
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
        JsonNode json = json();
        check(StructureChecks.jsonPointer(text(), json, pointer));
        return new JsonNodeAssert(json.at(pointer)).as("JSON at %s", pointer);
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
        return check(StructureChecks.jsonSchema(text(), json(), schema));
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
        check(StructureChecks.toolCall(actual, name));
        return new ToolCallAssert(StructureChecks.firstCall(actual, name).orElseThrow());
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
        return check(StructureChecks.noToolCalls(actualNotNull()));
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
        return check(StructureChecks.finishedNormally(actualNotNull()));
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
        return judged(
                JudgeChecks.rubric(panel(), text(), criterion, JudgeInputs.question(question), reference), criterion);
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
        return judged(
                JudgeChecks.graded(panel(), text(), rubric, minScore, JudgeInputs.question(question), reference),
                rubric);
    }

    /**
     * A judge compares this response with {@code other} on {@code criterion}, twice with the order
     * swapped (position bias). It is a win only when both orders prefer this response; a disagreement
     * between the orders is "inconsistent" and fails, like a loss or a tie. With several votes or
     * judges, a strict majority of the comparisons must be wins. On a dataset case, a human label
     * (criterion "preferred over the other answer: " + {@code criterion}) on this response over exactly
     * this {@code other} decides instead of the judge.
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
        return judged(
                JudgeChecks.pairwise(panel(), text(), other, criterion, JudgeInputs.question(question)),
                PREFERRED_OVER + criterion,
                null,
                null,
                null,
                other);
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
        return judged(JudgeChecks.notToxic(panel(), text(), JudgeInputs.question(question)), "not toxic");
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
     * unsupported claims. On a dataset case, a human label (criterion "faithful to the context") on
     * this answer with these passages decides instead of the judge.
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
        return judged(
                RagChecks.faithfulness(this::panel, text(), context, JudgeInputs.question(question), minScore),
                FAITHFUL,
                null,
                JudgeInputs.passages(context),
                null,
                null);
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
     * is relevant / total and the failure lists the irrelevant statements. On a dataset case, a human
     * label (criterion "relevant to the question") on this answer to this question decides instead of
     * the judge.
     *
     * <pre>{@code
     * assertThat(response).forQuestion("How do I reset my password?").isRelevantToQuestion(0.8);
     * }</pre>
     *
     * @throws IllegalStateException when there is no question
     * @throws JudgeAnswerException when a judge's answer is not the JSON asked for
     */
    public SELF isRelevantToQuestion(double minScore) {
        String asked = JudgeInputs.question(question);
        return judged(
                RagChecks.answerRelevancy(this::panel, text(), asked, minScore), RELEVANT, asked, null, null, null);
    }

    /**
     * Context recall: the judge breaks the expected answer ({@link #comparedTo(String)}, else the
     * dataset row's {@code expected}) into statements and checks which ones the context supports;
     * the score is attributed / total. It measures retrieval, not the answer's wording. On a dataset
     * case, a human label (criterion "context recall") on this answer with these passages and
     * this expected answer decides instead of the judge.
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
        return judged(
                RagChecks.contextRecall(
                        this::panel, text(), context, reference, JudgeInputs.question(question), minScore),
                CONTEXT_RECALL,
                null,
                JudgeInputs.passages(context),
                JudgeInputs.expected(reference, "hasContextRecallAtLeast"),
                null);
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
        return check(SafetyChecks.noCanary(text(), canary));
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
        return check(SafetyChecks.systemPromptNotRevealed(text(), systemPrompt, maxOverlap, maxSharedWords));
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
        return check(SafetyChecks.noPii(text()));
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
        return check(SafetyChecks.refusal(actualNotNull()));
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
        return check(SafetyChecks.notRefusal(actualNotNull()));
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
        return check(OperationalChecks.costAtMost(actualNotNull(), maxUsd));
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
        return check(OperationalChecks.latencyAtMost(actualNotNull(), max));
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
        return check(OperationalChecks.tokensAtMost(actualNotNull(), maxTokens));
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
        return check(OperationalChecks.firstTokenWithin(actualNotNull(), max));
    }

    // ------------------------------------------------------------------ plumbing

    /** Records the check's verdict; on failure throws an error carrying its actual and expected values. */
    private SELF check(Check check) {
        Verdicts.record(check.verdict());
        if (!check.passed()) {
            throw failureWithActualExpected(
                    check.actual(), check.expected(), "%s", check.failureMessage(info.representation()));
        }
        return myself;
    }

    /**
     * Records a judge check's verdict; a person's label on exactly this answer ({@code llm.labels.dir})
     * decides instead of the judge. On failure throws an error carrying its actual and expected values.
     */
    private SELF judged(Check check, String criterion) {
        return judged(check, criterion, null, null, null, null);
    }

    /**
     * {@link #judged(Check, String)} for a verdict that depends on more than the answer: a label counts
     * only when made on exactly this answer with this question, context, expected answer and other
     * answer (null where the verdict does not depend on one).
     */
    private SELF judged(
            Check check, String criterion, String question, List<String> context, String expected, String other) {
        Verdict counted = Verdicts.recordJudged(check.verdict(), criterion, text(), question, context, expected, other);
        if (counted == check.verdict()) {
            if (!check.passed()) {
                throw failureWithActualExpected(
                        check.actual(), check.expected(), "%s", check.failureMessage(info.representation()));
            }
        } else if (!counted.passed()) {
            throw failureWithActualExpected(
                    check.actual(),
                    check.expected(),
                    "%s",
                    ShouldSatisfyJudge.shouldSatisfyHumanReviewer(text(), criterion, counted.reason())
                            .create(new org.assertj.core.description.TextDescription(""), info.representation()));
        }
        return myself;
    }

    private LlmResponse actualNotNull() {
        isNotNull();
        return actual;
    }

    private String text() {
        return actualNotNull().text();
    }

    private JsonNode json() {
        StructureChecks.Parsed parsed = StructureChecks.parse(text());
        check(parsed.check());
        return parsed.node();
    }

    private JudgePanel panel() {
        isNotNull();
        return JudgePanel.resolve(judges, judgeModels, votes, judgeTemperature);
    }
}
