package dev.junitllm.assertions;

import dev.junitllm.FinishReason;
import dev.junitllm.GoldenCase;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmContext;
import dev.junitllm.LlmRequest;
import dev.junitllm.LlmResponse;
import dev.junitllm.StreamListener;
import dev.junitllm.Verdict;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Hand-made responses, a fake judge and a fake test context; public for the check classes' tests. */
public final class Fakes {
    private Fakes() {}

    static LlmResponse response(String text) {
        return LlmResponse.builder()
                .text(text)
                .finishReason(FinishReason.STOP, "stop")
                .model("gpt-4o-mini-2024-07-18")
                .requestedModel("openai:gpt-4o-mini")
                .build();
    }

    /** A judge that answers from a queue of canned texts (or a function of the request) and keeps the requests. */
    public static final class FakeJudge implements LlmClient {
        final String id;
        final Deque<String> answers = new ArrayDeque<>();
        final List<LlmRequest> requests = new ArrayList<>();
        Function<LlmRequest, String> answerer;

        FakeJudge(String id, String... answers) {
            this.id = id;
            this.answers.addAll(List.of(answers));
        }

        public static FakeJudge answering(String... answers) {
            return new FakeJudge("fake:judge", answers);
        }

        @Override
        public synchronized LlmResponse chat(LlmRequest request) {
            requests.add(request);
            String text;
            if (answerer != null) {
                text = answerer.apply(request);
            } else if (answers.isEmpty()) {
                throw new AssertionError("the fake judge ran out of answers after " + requests.size() + " requests");
            } else {
                text = answers.size() == 1 ? answers.peek() : answers.poll();
            }
            return LlmResponse.builder()
                    .text(text)
                    .finishReason(FinishReason.STOP, "stop")
                    .build();
        }

        @Override
        public LlmResponse chatStream(LlmRequest request, StreamListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<float[]> embed(String... texts) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String modelId() {
            return id;
        }
    }

    /** An embedding "model" that maps known texts to fixed vectors and counts calls. */
    static final class FakeEmbeddings implements LlmClient {
        final Map<String, float[]> vectors = new HashMap<>();
        int calls;

        @Override
        public LlmResponse chat(LlmRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LlmResponse chatStream(LlmRequest request, StreamListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized List<float[]> embed(String... texts) {
            calls++;
            List<float[]> out = new ArrayList<>();
            for (String t : texts) {
                float[] v = vectors.get(t);
                if (v == null) {
                    throw new AssertionError("no fake vector for " + t);
                }
                out.add(v);
            }
            return out;
        }

        @Override
        public String modelId() {
            return "fake:embeddings";
        }
    }

    record Case(String id, String input, String expected, List<String> context) implements GoldenCase {
        @Override
        public Set<String> tags() {
            return Set.of();
        }

        @Override
        public Optional<String> get(String field) {
            return Optional.empty();
        }

        @Override
        public String source() {
            return "test.jsonl:1";
        }
    }

    /** Records verdicts like the extension's sample context. */
    static final class FakeContext implements LlmContext {
        final List<Verdict> verdicts = new ArrayList<>();
        final Map<String, LlmClient> judges = new HashMap<>();
        LlmClient judge;
        LlmClient embeddingModel;
        GoldenCase goldenCase;
        final Map<String, String> configuration = new HashMap<>();

        @Override
        public synchronized void record(Verdict verdict) {
            verdicts.add(verdict);
        }

        @Override
        public LlmClient judge() {
            if (judge == null) {
                throw new IllegalStateException("no judge configured in the fake context");
            }
            return judge;
        }

        @Override
        public LlmClient judge(String modelId) {
            LlmClient j = judges.get(modelId);
            if (j == null) {
                throw new IllegalStateException("no fake judge " + modelId);
            }
            return j;
        }

        @Override
        public Optional<LlmClient> embeddingModel() {
            return Optional.ofNullable(embeddingModel);
        }

        @Override
        public Optional<String> configuration(String key) {
            return Optional.ofNullable(configuration.get(key));
        }

        @Override
        public Optional<GoldenCase> goldenCase() {
            return Optional.ofNullable(goldenCase);
        }

        @Override
        public int sampleIndex() {
            return 0;
        }

        Verdict last() {
            return verdicts.get(verdicts.size() - 1);
        }
    }
}
