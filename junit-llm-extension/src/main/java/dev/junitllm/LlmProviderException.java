package dev.junitllm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The provider did not answer usefully: an HTTP error status (after retries, where retrying made
 * sense), a connection failure or timeout, an error event in a stream, or a stream that ended without
 * its terminal event. Carries the provider's own message, status and request id.
 *
 * <pre>{@code
 * try {
 *     llm.chat("...");
 * } catch (LlmProviderException e) {
 *     e.status();          // 429, or 0 when no HTTP response arrived
 *     e.errorType();       // "rate_limit_error"
 *     e.requestId();       // "req_011CV..." when the provider sent one
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL)
public class LlmProviderException extends LlmException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorType;
    private final String providerMessage;
    private final String requestId;
    private final boolean transientFailure;

    @API(status = INTERNAL)
    public LlmProviderException(
            String message,
            int status,
            String errorType,
            String providerMessage,
            String requestId,
            boolean transientFailure,
            Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorType = errorType;
        this.providerMessage = providerMessage;
        this.requestId = requestId;
        this.transientFailure = transientFailure;
    }

    /** The HTTP status; 0 when no response arrived (connection failure, timeout). */
    public int status() {
        return status;
    }

    /** The provider's error type or code (e.g. {@code rate_limit_error}, {@code insufficient_quota}); may be null. */
    public String errorType() {
        return errorType;
    }

    /** The provider's own error message, as it sent it; may be null. */
    public String providerMessage() {
        return providerMessage;
    }

    /** The provider's request id, when it sent one. */
    public String requestId() {
        return requestId;
    }

    /**
     * Whether the failure is about the provider's availability rather than the request: connection
     * failures, timeouts, 408/409/429/5xx/529 (spend-limit 429s included), stream errors and truncated
     * streams. Only such failures hand over to a fallback model; a bad request (other 4xx) never does.
     */
    public boolean isTransient() {
        return transientFailure;
    }
}
