package dev.junitllm.assertions;

import static dev.junitllm.assertions.Fakes.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.junitllm.Verdict;
import dev.junitllm.internal.engine.CurrentContext;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs fixture tests through the JUnit Platform with an extension that binds an {@code LlmContext}
 * around each test body, the way the junit-llm extension does, and checks that every check's verdict
 * reaches the context, for passing and failing tests alike.
 */
class VerdictRecordingEngineTest {

    static final Map<String, List<Verdict>> RECORDED = new ConcurrentHashMap<>();

    static class BindingExtension implements InvocationInterceptor {
        @Override
        public void interceptTestMethod(
                Invocation<Void> invocation,
                ReflectiveInvocationContext<Method> invocationContext,
                ExtensionContext extensionContext)
                throws Throwable {
            Fakes.FakeContext ctx = new Fakes.FakeContext();
            try (CurrentContext.Binding ignored = CurrentContext.bind(ctx)) {
                invocation.proceed();
            } finally {
                RECORDED.put(extensionContext.getRequiredTestMethod().getName(), List.copyOf(ctx.verdicts));
            }
        }
    }

    @ExtendWith(BindingExtension.class)
    static class Fixture {
        @Test
        void passes() {
            LlmAssertions.assertThat(response("Refunds within 30 days."))
                    .containsIgnoringCase("30 days")
                    .containsNoPii();
        }

        @Test
        void fails() {
            LlmAssertions.assertThat(response("Refunds within 14 days."))
                    .containsIgnoringCase("14 days")
                    .hasRougeLAtLeast("Refunds are accepted within 30 days", 0.9)
                    .containsNoPii();
        }
    }

    @Test
    void verdictsOfPassingAndFailingTestsReachTheContext() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(Fixture.class))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.started(2).succeeded(1).failed(1))
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(test("fails"), finishedWithFailure(message(m -> m.contains("to have rougeL >= 0.900")))));

        assertThat(RECORDED.get("passes"))
                .extracting(Verdict::metric, Verdict::passed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("containsIgnoringCase", true),
                        org.assertj.core.groups.Tuple.tuple("pii", true));
        assertThat(RECORDED.get("fails")).hasSize(2);
        assertThat(RECORDED.get("fails").get(1).metric()).isEqualTo("rougeL");
        assertThat(RECORDED.get("fails").get(1).passed()).isFalse();
        assertThat(RECORDED.get("fails").get(1).reason())
                .isEqualTo("rougeL 0.600 < 0.900"); // LCS 3: R = 3/6, P = 3/4, F = 0.6
    }
}
