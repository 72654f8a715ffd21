package dev.junitllm.results;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One run of a test body ({@code samples[]} of a case): its index, whether it passed, the failure
 * message when it did not, the verdicts of its assertions and the model calls it made.
 *
 * <pre>{@code
 * sample.calls().stream().mapToLong(CallResult::latencyMs).sum();
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public record SampleResult(
        int index, boolean passed, String error, List<VerdictResult> verdicts, List<CallResult> calls) {

    public SampleResult {
        verdicts = Lists.copy(verdicts);
        calls = Lists.copy(calls);
    }
}
