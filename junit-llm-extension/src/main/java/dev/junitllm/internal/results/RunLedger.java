package dev.junitllm.internal.results;

import dev.junitllm.PromptTemplate;
import dev.junitllm.results.DatasetGateResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Everything one test run produced, collected from parallel tests and written once at the end.
 * Thread-safe. Internal API of the extension.
 *
 * <pre>{@code
 * RunLedger ledger = new RunLedger("replay", "openai:gpt-4o-mini", prices.date(), gitCommit);
 * ledger.add(caseRecord);
 * ResultsWriter.write(Path.of("target/llm-results"), ResultsJson.document(ledger, Instant.now()));
 * }</pre>
 */
public final class RunLedger {

    private final Instant startedAt = Instant.now();
    private final String mode;
    private final String judgeModel;
    private final String priceTableDate;
    private final Supplier<String> gitCommit;
    private final ConcurrentLinkedQueue<CaseRecord> cases = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<DatasetGateResult> gates = new ConcurrentLinkedQueue<>();
    private final Set<String> models = new LinkedHashSet<>();
    private final Map<String, List<String>> matrices = new LinkedHashMap<>();

    public RunLedger(String mode, String judgeModel, String priceTableDate, String gitCommit) {
        this(mode, judgeModel, priceTableDate, () -> gitCommit);
    }

    /** As above, with the commit looked up only when the results are written (it may still be running). */
    public RunLedger(String mode, String judgeModel, String priceTableDate, Supplier<String> gitCommit) {
        this.mode = mode;
        this.judgeModel = judgeModel;
        this.priceTableDate = priceTableDate;
        this.gitCommit = gitCommit;
    }

    public void add(CaseRecord record) {
        cases.add(record);
        synchronized (models) {
            models.add(record.model());
        }
    }

    public void add(DatasetGateResult gate) {
        gates.add(gate);
    }

    /** Declares that {@code testId} compares {@code models} (first is the baseline). */
    public void matrix(String testId, List<String> models) {
        synchronized (matrices) {
            matrices.put(testId, List.copyOf(models));
        }
    }

    public List<CaseRecord> cases() {
        return new ArrayList<>(cases);
    }

    public List<DatasetGateResult> gates() {
        return new ArrayList<>(gates);
    }

    public List<String> models() {
        synchronized (models) {
            return new ArrayList<>(models);
        }
    }

    public Map<String, List<String>> matrices() {
        synchronized (matrices) {
            return new LinkedHashMap<>(matrices);
        }
    }

    public List<PromptTemplate> prompts() {
        Map<String, PromptTemplate> byKey = new LinkedHashMap<>();
        for (CaseRecord c : cases) {
            for (PromptTemplate p : c.prompts()) {
                byKey.putIfAbsent(p.name() + "@" + p.hash(), p);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    public Instant startedAt() {
        return startedAt;
    }

    public String mode() {
        return mode;
    }

    public String judgeModel() {
        return judgeModel;
    }

    public String priceTableDate() {
        return priceTableDate;
    }

    public String gitCommit() {
        return gitCommit.get();
    }

    /** The build this run belongs to ({@link Build#current()}). */
    public String build() {
        return Build.current().id();
    }
}
