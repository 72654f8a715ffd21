package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A model call failed: an HTTP error after retries, a malformed provider answer, a truncated stream,
 * a missing recording, a spent budget. The message says what happened and what to do.
 *
 * <pre>{@code
 * assertThatThrownBy(() -> llm.chat("unrecorded question"))
 *         .isInstanceOf(LlmException.class)
 *         .hasMessageContaining("mvn test -Dllm.mode=record");
 * }</pre>
 */
@API(status = STABLE)
public class LlmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LlmException(String message) {
        super(message);
    }

    public LlmException(String message, Throwable cause) {
        super(message, cause);
    }
}
