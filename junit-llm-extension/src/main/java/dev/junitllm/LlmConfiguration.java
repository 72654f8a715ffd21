package dev.junitllm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Configuration keys, read as JUnit configuration parameters: {@code -Dkey=value} on the Maven
 * command line (Surefire passes system properties through) or {@code junit-platform.properties}.
 * An annotation value beats a specific key, which beats a general key, which beats the default.
 * API keys are never configuration: they come only from the environment.
 *
 * <pre>{@code
 * mvn test -Dllm.mode=record -Dllm.model=openai:gpt-4o-mini -Dtest=RefundTest
 * }</pre>
 */
@API(status = EXPERIMENTAL)
public final class LlmConfiguration {
    private LlmConfiguration() {}

    /**
     * {@value}: {@code replay} (default), {@code record}, {@code auto} or {@code live}; a
     * {@link RecordingMode} on a class or method overrides it there.
     */
    public static final String MODE = "llm.mode";

    /** {@value}: the default model as {@code provider:model}, when a test names none. */
    public static final String MODEL = "llm.model";

    /**
     * {@value}: a fallback ({@code provider:model}) for every test whose {@code @Model} names none,
     * including tests that use {@link #MODEL}; {@code @Model(fallback = ...)} beats it. Not applied to
     * {@code @Models} matrices, whose point is to see each model's own answers.
     */
    public static final String FALLBACK_MODEL = "llm.fallback.model";

    /** {@value}: the judge model for LLM-as-judge assertions. Defaults to {@link #MODEL}. */
    public static final String JUDGE_MODEL = "llm.judge.model";

    /** {@value}: a model for provider embeddings, e.g. {@code openai:text-embedding-3-small}. */
    public static final String EMBEDDING_MODEL = "llm.embedding.model";

    /**
     * {@value}: where the human labels live, one JSONL file per dataset ({@code <dir>/<dataset path>.jsonl});
     * default {@code src/test/resources/llm-labels}. A label on exactly the answer a judge graded
     * replaces the judge's verdict; see the README's "Human review".
     */
    public static final String LABELS_DIR = "llm.labels.dir";

    /** {@value}: where cassettes live; default {@code src/test/resources/llm-cassettes}. */
    public static final String CASSETTES_DIR = "llm.cassettes.dir";

    /** {@value}: in record mode, whether entries no longer used are dropped; default {@code true}. */
    public static final String CASSETTES_PRUNE = "llm.cassettes.prune";

    /** {@value}: OpenAI-compatible base URL; else {@code OPENAI_BASE_URL}; else {@code https://api.openai.com/v1}. */
    public static final String OPENAI_BASE_URL = "llm.openai.base-url";

    /** {@value}: Anthropic base URL; else {@code ANTHROPIC_BASE_URL}; else {@code https://api.anthropic.com}. */
    public static final String ANTHROPIC_BASE_URL = "llm.anthropic.base-url";

    /**
     * {@value}: the prefix of per-model endpoint keys, {@code llm.model.<provider:model>.base-url} and
     * {@code llm.model.<provider:model>.api-key-env} (the name of the environment variable holding
     * that deployment's API key); each falls back to the provider's key. Lets one {@link Models}
     * matrix compare two deployments of one wire format, e.g. OpenAI and a vLLM server:
     * {@code -Dllm.model.openai:qwen2.5-7b.base-url=http://vllm:8000/v1}. In {@code
     * junit-platform.properties}, escape the colon: {@code llm.model.openai\:qwen2.5-7b.base-url=...}.
     */
    public static final String MODEL_PREFIX = "llm.model.";

    /** {@value}: Ollama's OpenAI-compatible base URL; default {@code http://localhost:11434/v1}. */
    public static final String OLLAMA_BASE_URL = "llm.ollama.base-url";

    /**
     * {@value}: Azure OpenAI's {@code api-version} (e.g. {@code 2024-10-21}); when set, OpenAI calls
     * send the key in an {@code api-key} header (from {@code AZURE_OPENAI_API_KEY}, else {@code
     * OPENAI_API_KEY}) and add {@code ?api-version=...}.
     */
    public static final String OPENAI_API_VERSION = "llm.openai.api-version";

    /** {@value}: the most a run may spend live, in USD; unset means no cap. */
    public static final String BUDGET_USD = "llm.budget.usd";

    /** {@value}: requests in flight per provider; default 8. */
    public static final String CONCURRENCY = "llm.concurrency";

    /** {@value}: requests per minute per provider; unset means no limit. */
    public static final String REQUESTS_PER_MINUTE = "llm.requests-per-minute";

    /** {@value}: overall timeout of one call as an ISO-8601 or simple duration ({@code 60s}); default 60s. */
    public static final String TIMEOUT = "llm.timeout";

    /** {@value}: connect timeout of one attempt ({@code 10s} default). */
    public static final String CONNECT_TIMEOUT = "llm.timeout.connect";

    /** {@value}: longest silence between bytes of an answer or stream; default {@link #TIMEOUT}'s value. */
    public static final String READ_TIMEOUT = "llm.timeout.read";

    /** {@value}: the longest wait between attempts, whatever {@code Retry-After} asks; default 60s. */
    public static final String RETRY_MAX_WAIT = "llm.retry.max-wait";

    /** {@value}: retries after the first attempt; default 2. */
    public static final String MAX_RETRIES = "llm.retries";

    /** {@value}: a JSON file whose prices override or extend the bundled table. */
    public static final String PRICES = "llm.prices";

    /** {@value}: where the results file is written; default {@code target/llm-results}. */
    public static final String RESULTS_DIR = "llm.results.dir";

    /** {@value}: the committed baseline; default {@code src/test/resources/llm-baseline.json}. */
    public static final String BASELINE = "llm.baseline";

    /** {@value}: {@code true} rewrites the baseline from this run. */
    public static final String BASELINE_UPDATE = "llm.baseline.update";

    /**
     * {@value}: run only the dataset rows with these comma-separated case ids, e.g. {@code
     * -Dllm.dataset.ids=refund-014,refund-023}. An id missing from a dataset but close to one of its
     * ids (a typo) fails the dataset's gate, naming the close ids; the gate of a dataset with none of
     * the ids is aborted ("no case selected").
     */
    public static final String DATASET_IDS = "llm.dataset.ids";

    /**
     * {@value}: {@code failed} runs only the dataset rows that did not pass in the last run's results
     * file ({@code llm-results.json} in {@link #RESULTS_DIR}), per test and model; tests without a
     * dataset run as usual. Combined with {@link #DATASET_IDS}, only ids in both run.
     */
    public static final String RERUN = "llm.rerun";

    /** {@value}: run only dataset rows that have one of these comma-separated tags. */
    public static final String DATASET_TAGS = "llm.dataset.tags";

    /** {@value}: run only the first N dataset rows (after tag selection). */
    public static final String DATASET_LIMIT = "llm.dataset.limit";

    /** {@value}: {@code k/n} runs the k-th of n stable shards of every dataset (by row id). */
    public static final String SHARD = "llm.shard";

    /**
     * {@value}: the longest a dataset gate waits for rows that started but have not finished (under
     * parallel execution), as {@code 90s}, {@code 10m} or ISO-8601; default {@code 10m}. When it runs
     * out, the gate fails naming the rows still pending.
     */
    public static final String GATE_WAIT = "llm.gate.wait";

    /** {@value}: {@code false} switches early stopping of samples off everywhere. */
    public static final String EARLY_STOP = "llm.samples.early-stop";
}
