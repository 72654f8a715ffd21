package dev.junitllm.results;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One {@code @LlmTest} method of the run (an element of {@code tests}) with its cases: one per dataset
 * row × model, or one per model for a test without dataset.
 *
 * <pre>{@code
 * test.testId();         // "dev.example.RefundTest#refunds"
 * test.cases().size();   // 50
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public record TestResult(String testId, String className, String methodName, List<CaseResult> cases) {

    public TestResult {
        cases = Lists.copy(cases);
    }
}
