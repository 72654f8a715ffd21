package dev.junitllm.internal.cassette;

import dev.junitllm.LlmException;

/**
 * A cassette file is not valid JSON or does not have the cassette shape. The message names the file,
 * the line and column, what is wrong and what to do. A corrupted cassette is never overwritten.
 */
public class CorruptCassetteException extends LlmException {
    private static final long serialVersionUID = 1L;

    public CorruptCassetteException(String message) {
        super(message);
    }

    public CorruptCassetteException(String message, Throwable cause) {
        super(message, cause);
    }
}
