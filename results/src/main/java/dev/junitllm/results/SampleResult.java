package dev.junitllm.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One run of a test body ({@code samples[]} of a case): its index, whether it passed, the failure
 * message when it did not, the verdicts of its assertions and the model calls it made, and, for a
 * conversation or an agent (a tool call, or more than one call of the model under test), its
 * {@code trajectory}: one line per step, in order ({@code user: ...}, {@code model calls lookupOrder
 * {...} (95 tokens)}, {@code tool lookupOrder returned ...}, {@code model answers: ... (120 tokens)});
 * absent from the file when empty.
 *
 * <pre>{@code
 * sample.calls().stream().mapToLong(CallResult::latencyMs).sum();
 * sample.trajectory().forEach(System.out::println);
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public record SampleResult(
        int index,
        boolean passed,
        String error,
        List<VerdictResult> verdicts,
        List<CallResult> calls,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> trajectory) {

    public SampleResult {
        verdicts = Lists.copy(verdicts);
        calls = Lists.copy(calls);
        trajectory = Lists.copy(trajectory);
    }

    /** A sample without a trajectory. */
    public SampleResult(int index, boolean passed, String error, List<VerdictResult> verdicts, List<CallResult> calls) {
        this(index, passed, error, verdicts, calls, List.of());
    }
}
