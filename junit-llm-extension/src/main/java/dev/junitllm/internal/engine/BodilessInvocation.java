package dev.junitllm.internal.engine;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * An invocation that skips the test body (the dataset gate, an unreadable dataset): the body's
 * parameters of ours get no value, since nothing reads them.
 */
abstract class BodilessInvocation implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return CaseParameters.supports(parameter);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return null;
    }
}
