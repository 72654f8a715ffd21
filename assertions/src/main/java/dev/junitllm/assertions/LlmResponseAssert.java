package dev.junitllm.assertions;

import dev.junitllm.LlmResponse;
import org.apiguardian.api.API;

/**
 * The concrete assert on an {@link LlmResponse}; all checks are in {@link AbstractLlmResponseAssert}.
 *
 * <pre>{@code
 * LlmAssertions.assertThat(response)
 *     .containsIgnoringCase("30 days")
 *     .isSemanticallySimilarTo(c.expected(), 0.75)
 *     .costsAtMostUsd(0.01);
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public class LlmResponseAssert extends AbstractLlmResponseAssert<LlmResponseAssert> {

    /**
     * Creates the assert; public so that soft assertions can proxy it. Prefer {@link
     * LlmAssertions#assertThat(LlmResponse)}.
     *
     * <pre>{@code
     * new LlmResponseAssert(response).contains("30 days");
     * }</pre>
     */
    public LlmResponseAssert(LlmResponse actual) {
        super(actual, LlmResponseAssert.class);
    }
}
