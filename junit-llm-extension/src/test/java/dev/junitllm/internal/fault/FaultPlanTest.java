package dev.junitllm.internal.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.junitllm.CallRole;
import dev.junitllm.LlmFault;
import dev.junitllm.LlmFault.Kind;
import dev.junitllm.ModelId;
import dev.junitllm.internal.client.Exchange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which call a fault hits: windows, model filters, declaration order, seeded rates per sample, roles, paths. */
class FaultPlanTest {

    static Exchange chat(String model) {
        return new Exchange(
                ModelId.parse(model),
                CallRole.MODEL,
                "/chat/completions",
                JsonNodeFactory.instance.objectNode(),
                false);
    }

    static FaultSpec spec(Kind kind, int onCall, int calls, double rate, long seed, String model) {
        return new FaultSpec(
                kind, onCall, calls, rate, seed, model == null ? null : ModelId.parse(model), -1, null, -1, "test");
    }

    static String pattern(FaultPlan plan, String model, int calls) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < calls; i++) {
            FaultSpec hit = plan.next(chat(model));
            s.append(hit == null ? '.' : hit.kind().name().charAt(0));
        }
        return s.toString();
    }

    @Test
    void aWindowHitsCallsOnCallToOnCallPlusCallsMinusOne() {
        assertThat(pattern(new FaultPlan(List.of(spec(Kind.RATE_LIMITED, 3, 2, 1, 0, null))), "openai:a", 6))
                .isEqualTo("..RR..");
        assertThat(pattern(new FaultPlan(List.of(spec(Kind.RATE_LIMITED, 2, LlmFault.ALL, 1, 0, null))), "openai:a", 5))
                .isEqualTo(".RRRR");
    }

    @Test
    void theFirstDeclaredFaultWinsAndEveryFaultCountsTheCall() {
        FaultPlan plan = new FaultPlan(
                List.of(spec(Kind.TIMEOUT, 2, 1, 1, 0, null), spec(Kind.SERVER_ERROR, 1, LlmFault.ALL, 1, 0, null)));
        assertThat(pattern(plan, "openai:a", 4)).isEqualTo("STSS");
    }

    @Test
    void aModelFilterCountsOnlyThatModelsCalls() {
        FaultPlan plan = new FaultPlan(List.of(spec(Kind.OVERLOADED, 2, 1, 1, 0, "anthropic:claude")));
        assertThat(plan.next(chat("openai:a"))).isNull();
        assertThat(plan.next(chat("anthropic:claude"))).isNull();
        assertThat(plan.next(chat("openai:a"))).isNull();
        assertThat(plan.next(chat("anthropic:claude"))).isNotNull();
    }

    @Test
    void aRateIsReproducibleForASeedAndDiffersBetweenSamples() {
        FaultPlan plan = new FaultPlan(List.of(spec(Kind.SERVER_ERROR, 1, LlmFault.ALL, 0.3, 9, null)));
        String first = pattern(plan, "openai:a", 40);
        plan.startSample(0);
        assertThat(pattern(plan, "openai:a", 40)).isEqualTo(first);
        plan.startSample(1);
        assertThat(pattern(plan, "openai:a", 40)).isNotEqualTo(first);
        assertThat(first.chars().filter(c -> c == 'S').count()).isBetween(4L, 24L);
    }

    @Test
    void judgesAndEmbeddingsAreNeverHitNorCounted() {
        FaultPlan plan = new FaultPlan(List.of(spec(Kind.SERVER_ERROR, 1, 1, 1, 0, null)));
        var body = JsonNodeFactory.instance.objectNode();
        assertThat(plan.next(new Exchange(ModelId.parse("openai:a"), CallRole.JUDGE, "/chat/completions", body, false)))
                .isNull();
        assertThat(plan.next(new Exchange(ModelId.parse("openai:a"), CallRole.MODEL, "/embeddings", body, false)))
                .isNull();
        assertThat(plan.next(chat("openai:a"))).isNotNull();
    }

    @LlmFault(value = Kind.STREAM_CUT, delay = "soon")
    @LlmFault(value = Kind.RATE_LIMITED, rate = 1.5)
    @LlmFault(value = Kind.RATE_LIMITED, model = "gpt-4o-mini")
    @LlmFault(value = Kind.TIMEOUT, delay = "1.5s", model = "openai:gpt-4o-mini", afterEvents = 3)
    static class Annotated {}

    @Test
    void anAnnotationIsCheckedAttributeByAttribute() {
        LlmFault[] faults = Annotated.class.getAnnotationsByType(LlmFault.class);
        assertThatThrownBy(() -> FaultSpec.from(faults[0], "X#y"))
                .hasMessage("@LlmFault(STREAM_CUT) on X#y: delay = \"soon\" is not allowed; give a duration such as"
                        + " 500ms, 2s or 1m");
        assertThatThrownBy(() -> FaultSpec.from(faults[1], "X#y"))
                .hasMessage("@LlmFault(RATE_LIMITED) on X#y: rate = 1.5 is not allowed; give a probability above 0"
                        + " and at most 1");
        assertThatThrownBy(() -> FaultSpec.from(faults[2], "X#y"))
                .hasMessageStartingWith("@LlmFault(RATE_LIMITED) on X#y: model = \"gpt-4o-mini\" is not allowed");
        FaultSpec timeout = FaultSpec.from(faults[3], "X#y");
        assertThat(timeout.delay()).hasMillis(1500);
        assertThat(timeout.model()).isEqualTo(ModelId.parse("openai:gpt-4o-mini"));
        assertThat(timeout.name()).isEqualTo("timeout");
    }
}
