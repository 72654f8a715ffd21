package dev.junitllm.internal.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.BudgetExceededException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetTest {

    @Test
    void refusesOnceSpendReachesTheCap() {
        Budget budget = Budget.ofUsd(0.01);
        budget.checkCanSend("first");
        budget.add(0.006);
        budget.checkCanSend("second");
        budget.add(0.004);

        assertThatThrownBy(() -> budget.checkCanSend("openai:gpt-4o /chat/completions"))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("spent $0.010000")
                .hasMessageContaining("llm.budget.usd=0.01")
                .hasMessageContaining("openai:gpt-4o /chat/completions was not sent")
                .satisfies(e -> {
                    BudgetExceededException b = (BudgetExceededException) e;
                    assertThat(b.spentUsd()).isEqualTo(0.01, org.assertj.core.data.Offset.offset(1e-12));
                    assertThat(b.capUsd()).isEqualTo(0.01);
                });
    }

    @Test
    void unlimitedCountsButNeverRefuses() {
        Budget budget = Budget.fromConfig(key -> Optional.empty());
        budget.add(1_000);
        budget.checkCanSend("x");
        assertThat(budget.spentUsd()).isEqualTo(1_000);
        assertThat(budget.capUsd()).isEmpty();
    }

    @Test
    void zeroCapRefusesEveryLiveCall() {
        Budget budget = Budget.fromConfig(key -> Optional.of("0"));
        assertThatThrownBy(() -> budget.checkCanSend("x")).isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void readsDollarAmountsAndRejectsNonsense() {
        assertThat(Budget.fromConfig(key -> Optional.of("$2.50")).capUsd()).hasValue(2.5);
        assertThatThrownBy(() -> Budget.fromConfig(key -> Optional.of("lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("llm.budget.usd=lots")
                .hasMessageContaining("amount in USD >= 0");
        assertThatThrownBy(() -> Budget.fromConfig(key -> Optional.of("-1"))).hasMessageContaining("llm.budget.usd=-1");
        assertThatThrownBy(() -> Budget.ofUsd(1).add(-0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
