package dev.junitllm.internal.engine;

import dev.junitllm.CallRole;
import dev.junitllm.GoldenCase;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmProxy;
import dev.junitllm.Model;
import dev.junitllm.Prompt;
import dev.junitllm.PromptTemplate;
import dev.junitllm.internal.prompt.PromptFile;
import dev.junitllm.internal.proxy.LocalLlmProxy;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The parameters an {@code @LlmTest} body may declare: an {@link LlmClient} (for the case's model,
 * or the one its {@link Model} names), the row's {@link GoldenCase}, a {@link Prompt} template and
 * an {@link LlmProxy} for clients built by other libraries. All of them record into the case.
 */
final class CaseParameters {

    private final CaseSpec spec;

    CaseParameters(CaseSpec spec) {
        this.spec = spec;
    }

    static boolean supports(ParameterContext parameter) {
        Class<?> type = parameter.getParameter().getType();
        return type == LlmClient.class
                || type == GoldenCase.class
                || type == LlmProxy.class
                || (type == PromptTemplate.class && parameter.isAnnotated(Prompt.class));
    }

    Object resolve(ParameterContext parameter, ExtensionContext context, CaseContext cc) {
        Class<?> type = parameter.getParameter().getType();
        if (type == LlmClient.class) {
            Optional<Model> model = parameter.findAnnotation(Model.class);
            if (model.isPresent()) {
                String fallback = model.get().fallback();
                return cc.client(
                        LlmRun.parseModel(model.get().value()),
                        fallback.isBlank() ? null : LlmRun.parseModel(fallback),
                        CallRole.MODEL);
            }
            return cc.client(spec.model(), spec.fallback(), CallRole.MODEL);
        }
        if (type == GoldenCase.class) {
            if (spec.goldenCase() == null) {
                throw new ParameterResolutionException("Parameter [" + parameter.getParameter()
                        + "] needs a dataset: annotate the test with @GoldenDataset(\"datasets/your-cases.jsonl\")");
            }
            return spec.goldenCase();
        }
        if (type == PromptTemplate.class) {
            String name = parameter.findAnnotation(Prompt.class).orElseThrow().value();
            PromptTemplate prompt;
            try {
                prompt = PromptFile.load(name, context.getRequiredTestClass().getClassLoader());
            } catch (RuntimeException e) {
                String message = String.valueOf(e.getMessage());
                throw new ParameterResolutionException(
                        message.startsWith("@Prompt [") ? message : "@Prompt [" + name + "]: " + message, e);
            }
            cc.record().usedPrompt(prompt);
            return prompt;
        }
        LocalLlmProxy proxy = LocalLlmProxy.start(cc.transport(), CallRole.MODEL, cc.proxyListener(), cc.faults());
        cc.addResource(proxy);
        CaseStore.rememberProxy(context, proxy);
        return proxy;
    }
}
