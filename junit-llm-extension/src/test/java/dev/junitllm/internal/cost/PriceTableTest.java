package dev.junitllm.internal.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitllm.ModelId;
import dev.junitllm.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {

    final PriceTable bundled = PriceTable.bundled();

    @Test
    void bundledTableIsDatedAndSourced() {
        assertThat(bundled.date()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(bundled.source()).contains("OpenAI").contains("Anthropic").contains("Google");
    }

    @Test
    void openAiCostTreatsCachedTokensAsASubsetOfInput() {
        // gpt-4o: 2.50 in / 1.25 cached / 10.00 out; 10,000 prompt of which 6,000 cached, 1,000 out
        // (4000 * 2.50 + 6000 * 1.25 + 1000 * 10.00) / 1e6 = (10000 + 7500 + 10000) / 1e6
        Double cost = bundled.costUsd(
                ModelId.parse("openai:gpt-4o"), "gpt-4o-2024-08-06", new Usage(10_000, 1_000, 6_000, 0, 0));
        assertThat(cost).isCloseTo(0.0275, within(1e-12));
    }

    @Test
    void anthropicCostPricesReadsAndWritesSeparately() {
        // claude-sonnet-4-5: 3.00 in / 0.30 read / 3.75 write / 15.00 out
        // input_tokens 1000, cache read 20000, cache write 4000 -> whole prompt 25000; 500 out
        // 1000 * 3 + 20000 * 0.30 + 4000 * 3.75 + 500 * 15 = 3000 + 6000 + 15000 + 7500 = 31500
        Double cost = bundled.costUsd(
                ModelId.parse("anthropic:claude-sonnet-4-5"),
                "claude-sonnet-4-5-20250929",
                new Usage(25_000, 500, 20_000, 4_000, 0));
        assertThat(cost).isCloseTo(0.0315, within(1e-12));
    }

    @Test
    void reasoningTokensArePartOfOutput() {
        // gpt-5-mini 0.25 in / 2.00 out: 100 in, 1000 out (800 of them reasoning) -> 25 + 2000
        Double cost = bundled.costUsd(ModelId.parse("openai:gpt-5-mini"), null, new Usage(100, 1_000, 0, 0, 800));
        assertThat(cost).isCloseTo(0.002025, within(1e-12));
    }

    @Test
    void datedProviderNamesFallBackToTheirUndatedPrice() {
        ModelId requested = ModelId.parse("openai:gpt-4o-mini");
        assertThat(bundled.price(requested, "gpt-4o-mini-2024-07-18")).contains(new Price(0.15, 0.075, null, 0.60));
        assertThat(bundled.price(ModelId.parse("anthropic:claude-haiku-4-5"), "claude-haiku-4-5-20251001"))
                .contains(new Price(1.00, 0.10, 1.25, 5.00));
        // a dated name never falls onto a shorter, different model: gpt-4o-2024-08-06 is gpt-4o
        assertThat(bundled.price(ModelId.parse("openai:x"), "gpt-4o-2024-08-06"))
                .contains(new Price(2.50, 1.25, null, 10.00));
        assertThat(bundled.price(ModelId.parse("openai:x"), "gpt-4o-mini-2024-07-18-preview"))
                .isEmpty();
        // the provider's model wins over the requested alias when both are known
        assertThat(bundled.price(ModelId.parse("openai:gpt-4o"), "gpt-4o-mini-2024-07-18"))
                .contains(new Price(0.15, 0.075, null, 0.60));
    }

    @Test
    void geminiWithoutCacheWritePriceUsesTheInputPrice() {
        // gemini-2.5-flash 0.30 in / 0.03 cached / 2.50 out, via an OpenAI-compatible endpoint
        Double cost = bundled.costUsd(ModelId.parse("openai:gemini-2.5-flash"), null, new Usage(1000, 100, 0, 200, 0));
        assertThat(cost).isCloseTo((800 * 0.30 + 200 * 0.30 + 100 * 2.50) / 1e6, within(1e-12));
    }

    @Test
    void unknownModelIsNullNeverZeroAndWarnedOnce() {
        Logger logger = Logger.getLogger(PriceTable.class.getName());
        CopyOnWriteArrayList<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        try {
            PriceTable table = PriceTable.bundled();
            ModelId unknown = ModelId.parse("openai:mystery-model");
            assertThat(table.costUsd(unknown, "mystery-model-v2", Usage.of(10, 10)))
                    .isNull();
            assertThat(table.costUsd(unknown, "mystery-model-v2", Usage.of(10, 10)))
                    .isNull();
            assertThat(records)
                    .singleElement()
                    .satisfies(r -> assertThat(r.getMessage())
                            .contains("openai:mystery-model")
                            .contains("llm.prices"));

            // the next run in this JVM shares the parsed file, not the warnings
            PriceTable nextRun = PriceTable.bundled();
            assertThat(nextRun).isNotSameAs(table);
            assertThat(nextRun.costUsd(unknown, "mystery-model-v2", Usage.of(10, 10)))
                    .isNull();
            assertThat(records).hasSize(2);
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void ollamaModelsAreLocalAndCostZero() {
        assertThat(bundled.costUsd(ModelId.parse("ollama:llama3.2"), "llama3.2", Usage.of(1000, 1000)))
                .isEqualTo(0.0);
    }

    @Test
    void overrideFileReplacesAndExtendsTheBundledTable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {
                  "date": "2026-11-01",
                  "source": "our negotiated rates",
                  "models": {
                    "gpt-4o-mini": { "input": 0.10, "output": 0.40 },
                    "openai:ft-support-v3": { "input": 0.30, "cachedInput": 0.15, "output": 1.20 }
                  }
                }
                """);
        PriceTable table = PriceTable.load(
                key -> Optional.ofNullable(Map.of("llm.prices", file.toString()).get(key)));

        assertThat(table.date()).isEqualTo("2026-11-01");
        assertThat(table.source()).startsWith("our negotiated rates");
        assertThat(table.costUsd(ModelId.parse("openai:gpt-4o-mini"), null, Usage.of(1_000_000, 0)))
                .isCloseTo(0.10, within(1e-12));
        assertThat(table.costUsd(ModelId.parse("openai:ft-support-v3"), null, Usage.of(0, 1_000_000)))
                .isCloseTo(1.20, within(1e-12));
        // untouched bundled entries remain
        assertThat(table.price(ModelId.parse("openai:gpt-4o"), null)).isPresent();
        // a provider-qualified key does not leak to another provider
        assertThat(table.price(ModelId.parse("ollama:ft-support-v3"), null)).contains(new Price(0, null, null, 0));
    }

    @Test
    void malformedOverrideFilesFailNamingKeyFileAndEntry(@TempDir Path dir) throws Exception {
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, "{\"models\":{\"gpt-4o\":{\"input\":1,\"outputs\":2}}}");
        assertThatThrownBy(() -> PriceTable.load(key -> Optional.of(typo.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("llm.prices [" + typo + "]")
                .hasMessageContaining("model [gpt-4o]")
                .hasMessageContaining("unknown field \"outputs\"");

        Path negative = dir.resolve("negative.json");
        Files.writeString(negative, "{\"models\":{\"x\":{\"input\":-1,\"output\":2}}}");
        assertThatThrownBy(() -> PriceTable.load(key -> Optional.of(negative.toString())))
                .hasMessageContaining("model [x]")
                .hasMessageContaining(">= 0");

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\n\"models\": {\n");
        assertThatThrownBy(() -> PriceTable.load(key -> Optional.of(broken.toString())))
                .hasMessageContaining("not valid JSON at line");

        assertThatThrownBy(() -> PriceTable.load(
                        key -> Optional.of(dir.resolve("missing.json").toString())))
                .hasMessageContaining("cannot read the price file");

        assertThatThrownBy(() -> PriceTable.parse("{\"models\":{}}", "inline"))
                .hasMessageContaining("missing \"date\"");
    }
}
