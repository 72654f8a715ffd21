package dev.junitllm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * In replay mode a call had no recording. The message names the cassette, summarises the request on
 * one line, says what differs from the closest recording when there is one, and gives the exact
 * command that records it, e.g. {@code mvn test -Dllm.mode=record -Dtest=RefundTest#refunds}.
 */
@API(status = EXPERIMENTAL)
public class MissingRecordingException extends LlmException {
    private static final long serialVersionUID = 1L;

    public MissingRecordingException(String message) {
        super(message);
    }
}
