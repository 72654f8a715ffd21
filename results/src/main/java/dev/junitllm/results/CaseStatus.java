package dev.junitllm.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * How a case ended, written in lower case ({@code passed}, {@code failed}, {@code error}, {@code
 * skipped}) as {@code tests[].cases[].status}. {@code failed} means the pass rate stayed below {@code
 * minPassRate}; {@code error} that the body threw something other than an assertion failure in every
 * sample (e.g. a missing recording). A value this release does not know reads as {@link #ERROR}.
 *
 * <pre>{@code
 * long notPassed = results.tests().stream()
 *         .flatMap(t -> t.cases().stream())
 *         .filter(c -> c.status() != CaseStatus.PASSED)
 *         .count();
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL)
public enum CaseStatus {
    PASSED,
    FAILED,
    ERROR,
    SKIPPED;

    /** The name in the results file. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a status as written by {@link #wireName()}; unknown or missing values are {@link #ERROR}. */
    @JsonCreator
    public static CaseStatus fromWireName(String name) {
        for (CaseStatus s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        return ERROR;
    }
}
