package dev.junitllm.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Null-tolerant defensive copies for the records (a reader may meet missing arrays or null items). */
final class Lists {
    private Lists() {}

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
