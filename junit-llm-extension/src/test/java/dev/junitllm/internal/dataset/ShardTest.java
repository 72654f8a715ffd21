package dev.junitllm.internal.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.GoldenCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {

    private static final List<String> IDS =
            IntStream.rangeClosed(1, 1000).mapToObj(i -> "case-" + i).collect(Collectors.toList());

    @Test
    void everyRowIsInExactlyOneShard() {
        for (int n = 1; n <= 7; n++) {
            for (String id : IDS) {
                int owners = 0;
                for (int k = 1; k <= n; k++) {
                    if (new Shard(k, n).contains(id)) {
                        owners++;
                    }
                }
                assertThat(owners).as("%s in %d shards", id, n).isEqualTo(1);
            }
        }
    }

    @Test
    void shardsAreRoughlyEven() {
        Map<Integer, Long> sizes =
                IDS.stream().collect(Collectors.groupingBy(id -> Shard.indexOf(id, 4), Collectors.counting()));

        assertThat(sizes).containsOnlyKeys(1, 2, 3, 4);
        assertThat(sizes.values()).allSatisfy(size -> assertThat(size).isBetween(200L, 300L));
    }

    @Test
    void assignmentIsStableAcrossRunsAndMachines() {
        // SHA-256 based, so fixed forever: a change here would reshuffle every user's CI shards.
        assertThat(Shard.indexOf("refund-01", 4)).isEqualTo(Shard.indexOf("refund-01", 4));
        List<Integer> fixed = new ArrayList<>();
        for (String id : List.of("refund-01", "refund-02", "refund-03", "line-17", "case-1")) {
            fixed.add(Shard.indexOf(id, 4));
        }
        // computed independently: int(sha256(id).hexdigest()[:16], 16) % 4 + 1
        assertThat(fixed).containsExactly(3, 3, 2, 3, 3);
    }

    @Test
    void containsACase() {
        GoldenCase c = DatasetCase.builder("refund-01", "hi").build();

        assertThat(new Shard(Shard.indexOf("refund-01", 3), 3).contains(c)).isTrue();
    }

    @Test
    void parses() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse(" 1 / 1 ")).isEqualTo(new Shard(1, 1));
        assertThat(Shard.parse("4/4")).hasToString("4/4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/4", "5/4", "2/0", "2", "2/4/8", "a/b", "-1/4", "", "99999999999/2"})
    void rejectsInvalidValues(String value) {
        assertThatThrownBy(() -> Shard.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value '" + value + "' for llm.shard: expected k/n with 1 <= k <= n, e.g. 2/4");
    }

    @Test
    void rejectsInvalidShards() {
        assertThatThrownBy(() -> new Shard(3, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A shard is k/n with 1 <= k <= n, but was 3/2; e.g. 2/4");
        assertThatThrownBy(() -> Shard.indexOf("a", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The shard count must be at least 1, but was 0");
    }
}
