package dev.junitllm.assertions;

import dev.junitllm.Conversation;
import dev.junitllm.LlmResponse;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.StandardSoftAssertionsProvider;

/**
 * Soft assertions: every failed check is collected and reported together by {@link #assertAll()}.
 * Implements AssertJ's {@link StandardSoftAssertionsProvider}, so the standard {@code assertThat(...)}
 * overloads are there too; works with AssertJ's JUnit 5 {@code SoftAssertionsExtension} ({@code
 * @InjectSoftAssertions}).
 *
 * <p>Checks that return another assert ({@code hasToolCall}, {@code jsonAt}) return {@code null} in
 * soft mode when they fail; use {@code hasToolCallSatisfying} and {@code hasJsonAtSatisfying} there.
 *
 * <pre>{@code
 * LlmSoftAssertions.assertSoftly(softly -> {
 *     softly.assertThat(response).containsIgnoringCase("30 days");
 *     softly.assertThat(response).containsNoPii();
 *     softly.assertThat(response).costsAtMostUsd(0.01);
 * }); // one AssertionError listing every failed check
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public class LlmSoftAssertions extends AbstractSoftAssertions implements StandardSoftAssertionsProvider {

    /**
     * Creates an empty collector.
     *
     * <pre>{@code
     * LlmSoftAssertions softly = new LlmSoftAssertions();
     * softly.assertThat(response).contains("30 days");
     * softly.assertAll();
     * }</pre>
     */
    public LlmSoftAssertions() {}

    /**
     * A soft assert on a model's response.
     *
     * <pre>{@code
     * softly.assertThat(response).contains("30 days").containsNoPii();
     * }</pre>
     */
    public LlmResponseAssert assertThat(LlmResponse actual) {
        return proxy(LlmResponseAssert.class, LlmResponse.class, actual);
    }

    /**
     * A soft assert on a plain text.
     *
     * <pre>{@code
     * softly.assertThatText(sdkAnswer).isNotRefusal();
     * }</pre>
     */
    public LlmResponseAssert assertThatText(String text) {
        return assertThat(LlmAssertions.asResponse(text));
    }

    /**
     * A soft assert on a played conversation or agent run.
     *
     * <pre>{@code
     * softly.assertThat(run).neverCalledTools("issueRefund").tookAtMostSteps(3);
     * }</pre>
     */
    @API(status = API.Status.EXPERIMENTAL)
    public ConversationAssert assertThat(Conversation actual) {
        return proxy(ConversationAssert.class, Conversation.class, actual);
    }

    /**
     * Runs {@code assertions} softly and fails once at the end with every collected failure.
     *
     * <pre>{@code
     * LlmSoftAssertions.assertSoftly(softly -> softly.assertThat(response).contains("30 days"));
     * }</pre>
     */
    public static void assertSoftly(Consumer<LlmSoftAssertions> assertions) {
        LlmSoftAssertions softly = new LlmSoftAssertions();
        assertions.accept(softly);
        softly.assertAll();
    }
}
