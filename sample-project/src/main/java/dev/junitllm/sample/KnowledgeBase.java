package dev.junitllm.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ACME's policies (markdown files, one {@code ##} section per passage) with a deterministic BM25
 * retriever: good enough for a few dozen passages, and no embedding model to download or pin.
 */
public final class KnowledgeBase {

    /** The policy files bundled with the application. */
    public static final List<String> POLICIES = List.of("refunds", "shipping", "orders", "accounts", "warranty");

    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "is", "are", "be", "can", "i", "my", "me",
            "you", "your", "it", "do", "does", "what", "how", "we", "our", "with", "at", "by", "this", "that", "if",
            "there", "any", "will", "was", "am", "have", "has", "from", "as", "would", "could", "please", "hi", "hello",
            "thanks");

    private final List<Passage> passages;
    private final List<Map<String, Integer>> termCounts = new ArrayList<>();
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final double averageLength;

    /** @param passages the passages to search */
    public KnowledgeBase(List<Passage> passages) {
        this.passages = List.copyOf(passages);
        long total = 0;
        for (Passage p : this.passages) {
            Map<String, Integer> counts = new HashMap<>();
            for (String term : terms(p.title() + " " + p.text())) {
                counts.merge(term, 1, Integer::sum);
            }
            counts.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            termCounts.add(counts);
            total += counts.values().stream().mapToInt(Integer::intValue).sum();
        }
        this.averageLength = this.passages.isEmpty() ? 1 : (double) total / this.passages.size();
    }

    /** The knowledge base of {@link #POLICIES}, read from the classpath. */
    public static KnowledgeBase acmePolicies() {
        List<Passage> passages = new ArrayList<>();
        for (String policy : POLICIES) {
            passages.addAll(parse(policy, read("policies/" + policy + ".md")));
        }
        return new KnowledgeBase(passages);
    }

    /** Every passage, in file order. */
    public List<Passage> passages() {
        return passages;
    }

    /** The {@code limit} passages that best match {@code question} (BM25), best first; none below a score of 0. */
    public List<Passage> search(String question, int limit) {
        List<String> query = terms(question);
        List<double[]> scored = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            Map<String, Integer> counts = termCounts.get(i);
            int length = counts.values().stream().mapToInt(Integer::intValue).sum();
            double score = 0;
            for (String term : query) {
                int tf = counts.getOrDefault(term, 0);
                if (tf == 0) {
                    continue;
                }
                int df = documentFrequency.get(term);
                double idf = Math.log(1 + (passages.size() - df + 0.5) / (df + 0.5));
                score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / averageLength));
            }
            if (score > 0) {
                scored.add(new double[] {i, score});
            }
        }
        scored.sort(Comparator.comparingDouble((double[] s) -> -s[1]).thenComparingDouble(s -> s[0]));
        return scored.stream().limit(limit).map(s -> passages.get((int) s[0])).toList();
    }

    static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (word.isEmpty() || STOP_WORDS.contains(word)) {
                continue;
            }
            terms.add(stem(word));
        }
        return terms;
    }

    /** A crude plural/verb-form folding: returns/returned/returning -> return. */
    private static String stem(String word) {
        for (String suffix : List.of("ing", "ed", "es", "s")) {
            if (word.length() > suffix.length() + 3 && word.endsWith(suffix)) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }

    static List<Passage> parse(String policy, String markdown) {
        List<Passage> passages = new ArrayList<>();
        String title = null;
        StringBuilder text = new StringBuilder();
        for (String line : (markdown + "\n## ").split("\n")) {
            if (line.startsWith("## ")) {
                if (title != null) {
                    passages.add(new Passage(
                            policy + "#" + slug(title), title, text.toString().strip()));
                }
                title = line.substring(3).strip();
                text.setLength(0);
            } else if (title != null && !line.isBlank()) {
                text.append(line.strip()).append(' ');
            }
        }
        return passages;
    }

    private static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    static String read(String resource) {
        try (InputStream in = KnowledgeBase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev/junitllm/sample/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
