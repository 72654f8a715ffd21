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

    @Test
    void noResultsFileSaysWhatToDo() {
        assertThatThrownBy(() -> LastRun.read(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("llm.rerun=failed needs the results of a previous run, but ")
                .hasMessageEndingWith("llm-results.json does not exist; run the tests once without it");
    }
}
