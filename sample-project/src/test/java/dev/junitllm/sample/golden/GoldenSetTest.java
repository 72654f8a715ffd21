package dev.junitllm.sample.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed golden set is exactly what {@link GoldenSetGenerator} writes. To change it, edit
 * {@link SupportIntents} and rewrite the files:
 *
 * <pre>
 * mvn test -f sample-project -Dtest=GoldenSetTest -Dsample.golden.write=true
 * </pre>
 */
class GoldenSetTest {

    static final Path DATASETS = Path.of("src/test/resources/datasets");

    @Test
    void committedDatasetsAreWhatTheGeneratorWrites() throws Exception {
        Map<String, String> generated = new GoldenSetGenerator().generate();
        if (Boolean.getBoolean("sample.golden.write")) {
            GoldenSetGenerator.write(DATASETS, generated);
        }
        int cases = 0;
        for (Map.Entry<String, String> file : generated.entrySet()) {
            assertThat(DATASETS.resolve(file.getKey()))
                    .as("regenerate with -Dsample.golden.write=true")
                    .hasContent(file.getValue());
            cases += file.getValue().lines().count();
        }
        assertThat(cases).isGreaterThanOrEqualTo(500);
    }
}
