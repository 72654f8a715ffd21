package dev.junitllm.internal.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitllm.GoldenCase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetSelectionTest {

    // case-1..case-30; tags: "odd"/"even", and "five" on multiples of 5
    private static final List<GoldenCase> ROWS = IntStream.rangeClosed(1, 30)
            .mapToObj(i -> (GoldenCase) DatasetCase.builder("case-" + i, "q" + i)
                    .tags(
                            i % 5 == 0
                                    ? List.of(i % 2 == 0 ? "even" : "odd", "five")
                                    : List.of(i % 2 == 0 ? "even" : "odd"))
                    .build())
            .collect(Collectors.toList());

    private static List<String> ids(DatasetSelection selection) {
        return selection.apply(ROWS.stream()).map(GoldenCase::id).collect(Collectors.toList());
    }

    @Test
    void nothingSetSelectsEverything() {
        DatasetSelection selection = DatasetSelection.parse(null, null, null);

        assertThat(selection).isEqualTo(DatasetSelection.ALL);
        assertThat(selection.selectsAll()).isTrue();
        assertThat(ids(selection)).hasSize(30);
        assertThat(selection).hasToString("all rows");
        assertThat(DatasetSelection.parse(" ", "", " ")).isEqualTo(DatasetSelection.ALL);
        assertThat(DatasetSelection.parse(" , ", null, null).selectsAll()).isTrue();
    }

    @Test
    void tagsAreAnyOf() {
        assertThat(ids(DatasetSelection.parse("five", null, null)))
                .containsExactly("case-5", "case-10", "case-15", "case-20", "case-25", "case-30");
        assertThat(ids(DatasetSelection.parse("five, odd", null, null))).hasSize(15 + 3);
        assertThat(ids(DatasetSelection.parse("FIVE", null, null))).isEmpty();
    }

    @Test
    void limitTakesTheFirstRowsAfterTheTagFilter() {
        assertThat(ids(DatasetSelection.parse(null, "3", null))).containsExactly("case-1", "case-2", "case-3");
        assertThat(ids(DatasetSelection.parse("five", "2", null))).containsExactly("case-5", "case-10");
        assertThat(ids(DatasetSelection.parse("five", "100", null))).hasSize(6);
    }

    @Test
    void shardsOfALimitedTaggedSelectionPartitionIt() {
        List<String> unsharded = ids(DatasetSelection.parse("even", "12", null));
        List<String> union = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            List<String> shard = ids(DatasetSelection.parse("even", "12", k + "/3"));
            assertThat(shard).allSatisfy(id -> assertThat(unsharded).contains(id));
            union.addAll(shard);
        }
        assertThat(union).hasSize(12).containsExactlyInAnyOrderElementsOf(unsharded);
    }

    @Test
    void shardOfAllRows() {
        Set<String> seen = new HashSet<>();
        for (int k = 1; k <= 4; k++) {
            List<String> shard = ids(DatasetSelection.parse(null, null, k + "/4"));
            int index = k;
            assertThat(shard).allSatisfy(id -> assertThat(Shard.indexOf(id, 4)).isEqualTo(index));
            for (String id : shard) {
                assertThat(seen.add(id)).as("%s in two shards", id).isTrue();
            }
        }
        assertThat(seen).hasSize(30);
    }

    @Test
    void readsJUnitConfigurationKeys() {
        Map<String, String> config =
                Map.of("llm.dataset.tags", "odd,five", "llm.dataset.limit", "10", "llm.shard", "2/4");

        DatasetSelection selection = DatasetSelection.fromConfiguration(key -> Optional.ofNullable(config.get(key)));

        assertThat(selection.tags()).containsExactly("odd", "five");
        assertThat(selection.limit()).hasValue(10);
        assertThat(selection.shard()).contains(new Shard(2, 4));
        assertThat(selection).hasToString("tags [odd, five], limit 10, shard 2/4");
        assertThat(DatasetSelection.fromConfiguration(key -> Optional.empty())).isEqualTo(DatasetSelection.ALL);
    }

    @Test
    void builtInCode() {
        DatasetSelection selection =
                DatasetSelection.ALL.withTags(Set.of("five")).withLimit(4).withShard(new Shard(1, 1));

        assertThat(selection).isEqualTo(DatasetSelection.parse("five", "4", "1/1"));
        assertThat(ids(selection)).hasSize(4);
        assertThatThrownBy(() -> DatasetSelection.ALL.withLimit(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The limit must be at least 1, but was 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "ten", "1.5", "99999999999"})
    void rejectsInvalidLimits(String value) {
        assertThatThrownBy(() -> DatasetSelection.parse(null, value, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value '" + value
                        + "' for llm.dataset.limit: expected a positive whole number, e.g. 100");
    }

    @Test
    void rejectsInvalidShard() {
        assertThatThrownBy(() -> DatasetSelection.fromConfiguration(
                        key -> key.equals("llm.shard") ? Optional.of("3of4") : Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value '3of4' for llm.shard: expected k/n with 1 <= k <= n, e.g. 2/4");
    }

    @Test
    void closingTheSelectionClosesTheSource() {
        boolean[] closed = {false};
        Stream<GoldenCase> source = ROWS.stream().onClose(() -> closed[0] = true);

        DatasetSelection.parse("odd", "2", "1/1").apply(source).close();

        assertThat(closed[0]).isTrue();
    }

    @Test
    void idsSelectThoseRowsBeforeTagsLimitAndShard() {
        Map<String, String> config = Map.of("llm.dataset.ids", "case-7, case-3,case-30", "llm.dataset.limit", "2");
        DatasetSelection selection = DatasetSelection.fromConfiguration(key -> Optional.ofNullable(config.get(key)));

        assertThat(ids(selection)).containsExactly("case-3", "case-7");
        assertThat(selection.ids()).contains(Set.of("case-7", "case-3", "case-30"));
        assertThat(selection).hasToString("ids [case-7, case-3, case-30], limit 2");
    }

    @Test
    void anEmptyIdSetSelectsNothing() {
        assertThat(ids(DatasetSelection.ALL.withIds(Set.of()))).isEmpty();
    }

    @Test
    void unknownIdsCloseToADatasetsIdsAreNamedWithThem() {
        DatasetSelection selection = DatasetSelection.ALL.withIds(Set.of("case-3x", "case-7", "refund-014"));
        Set<String> seen = new HashSet<>();
        selection.apply(ROWS.stream(), seen::add).forEach(row -> {});

        assertThat(selection.unknownIds(seen))
                .containsExactly("case-3x (close: case-3, case-30, case-1, case-10, case-11)");
    }
}
