package dev.junitllm.semantic.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The same quantized all-MiniLM-L6-v2 model and tokenizer that LangChain4j ships, in an ONNX session
 * with one intra-op thread and no spin-waiting. One sentence is far too small to gain from several
 * threads; spinning threads only burn the cores that parallel tests and other builds need. Each test
 * thread still runs its own inference concurrently (an ORT session is thread-safe).
 */
final class LeanMiniLm extends AbstractInProcessEmbeddingModel {
    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private final OnnxBertBiEncoder encoder;

    private LeanMiniLm(OnnxBertBiEncoder encoder) {
        super(Runnable::run);
        this.encoder = encoder;
    }

    /** Empty when the model files are not where this version of the jar keeps them. */
    static Optional<EmbeddingModel> create() {
        try (InputStream model = AllMiniLmResources.open(MODEL);
                InputStream tokenizer = AllMiniLmResources.open(TOKENIZER)) {
            if (model == null || tokenizer == null) {
                return Optional.empty();
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return Optional.of(
                    new LeanMiniLm(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN)));
        } catch (IOException | OrtException e) {
            return Optional.empty();
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return 384;
    }

    /** The model jar's resources, read through its own class loader. */
    private static final class AllMiniLmResources {
        static InputStream open(String path) {
            return dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel.class
                    .getResourceAsStream(path);
        }
    }
}
