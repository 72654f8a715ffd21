package dev.junitllm.internal.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastRunTest {

    @TempDir
    Path dir;

    @Test
    void theCasesThatDidNotPassPerTestAndModel() throws Exception {
        Files.writeString(dir.resolve("llm-results.json"), """
                {"tests": [
                  {"testId": "a.RefundTest#refunds", "cases": [
                    {"testId": "a.RefundTest#refunds", "model": "openai:gpt-4o-mini", "caseId": "refund-001", "status": "passed"},
                    {"testId": "a.RefundTest#refunds", "model": "openai:gpt-4o-mini", "caseId": "refund-002", "status": "failed"},
                    {"testId": "a.RefundTest#refunds", "model": "openai:gpt-4o-mini", "caseId": "refund-003", "status": "error"},
                    {"testId": "a.RefundTest#refunds", "model": "anthropic:claude-haiku-4-5", "caseId": "refund-001", "status": "failed"},
                    {"testId": "a.RefundTest#refunds", "model": "openai:gpt-4o-mini", "caseId": null, "status": "failed"}]},
                  {"testId": "a.ShippingTest#ships", "cases": [
                    {"caseId": "ship-1", "status": "skipped"}]}]}
                """);

        LastRun last = LastRun.read(dir);

        assertThat(last.notPassed("a.RefundTest#refunds", "openai:gpt-4o-mini"))
                .containsExactly("refund-002", "refund-003");
        assertThat(last.notPassed("a.RefundTest#refunds", "anthropic:claude-haiku-4-5"))
                .containsExactly("refund-001");
        assertThat(last.notPassed("a.ShippingTest#ships", "openai:gpt-4o-mini")).containsExactly("ship-1");
        assertThat(last.notPassed("a.Other#x", "openai:gpt-4o-mini")).isEmpty();
    }

    private static String part(String build, String finishedAt, String failedCase, String passedCase) {
        return """
                {"schemaVersion": 1,
                 "run": {"finishedAt": "%s", "build": "%s"},
                 "tests": [{"testId": "a.RefundTest#refunds", "cases": [
                   {"model": "m:x", "caseId": "%s", "status": "failed"},
                   {"model": "m:x", "caseId": "%s", "status": "passed"}]}]}
                """.formatted(finishedAt, build, failedCase, passedCase);
    }

    /** Per-JVM files of earlier builds stay until `mvn clean`; a rerun reads the last build's only. */
    @Test
    void aForkedRunsFilesOfEarlierBuildsAreNotRerun() throws Exception {
        // build 1 (two forks) failed refund-001 and refund-002; build 2 fixed them and failed refund-003
        Files.writeString(
                dir.resolve("llm-results-11-a.json"),
                part("11@2026-12-01T09:00:00Z", "2026-12-01T09:01:00Z", "refund-001", "refund-003"));
        Files.writeString(
                dir.resolve("llm-results-12-b.json"),
                part("11@2026-12-01T09:00:00Z", "2026-12-01T09:01:05Z", "refund-002", "refund-004"));
        Files.writeString(
                dir.resolve("llm-results-21-a.json"),
                part("21@2026-12-01T10:00:00Z", "2026-12-01T10:01:00Z", "refund-003", "refund-001"));
        Files.writeString(
                dir.resolve("llm-results-22-b.json"),
                part("21@2026-12-01T10:00:00Z", "2026-12-01T10:01:02.5Z", "refund-005", "refund-002"));

        LastRun last = LastRun.read(dir);

        assertThat(last.notPassed("a.RefundTest#refunds", "m:x")).containsExactlyInAnyOrder("refund-003", "refund-005");
        assertThat(last.file()).isEqualTo(dir);
    }

    @Test
    void noResultsFileSaysWhatToDo() {
        assertThatThrownBy(() -> LastRun.read(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("llm.rerun=failed needs the results of a previous run, but ")
                .hasMessageEndingWith("llm-results.json does not exist; run the tests once without it");
    }
}
