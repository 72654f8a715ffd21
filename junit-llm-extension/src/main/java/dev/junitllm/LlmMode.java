package dev.junitllm;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Where answers come from: {@code llm.mode} for the run, {@link RecordingMode} for a class or method
 * (the annotation wins). Nothing spends money unless the mode asks for it.
 *
 * <pre>{@code
 * mvn test                              # replay: from cassettes only, no network
 * mvn test -Dllm.mode=record -Dtest=RefundTest   # re-record one class
 * }</pre>
 */
@API(status = STABLE)
public enum LlmMode {
    /** Answers only from cassettes; a call without a recording fails (the default). */
    REPLAY,
    /** Calls live and rewrites the recordings this run touches. */
    RECORD,
    /** Replays what is recorded and records what is missing. */
    AUTO,
    /** Always calls; never reads or writes cassettes. */
    LIVE;

    /**
     * Parses a configuration value.
     *
     * @throws IllegalArgumentException naming the key, the value and the allowed values
     */
    public static LlmMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value [" + value + "] for configuration parameter ["
                    + LlmConfiguration.MODE + "]: allowed are replay, record, auto, live");
        }
    }

    /** Whether this mode may call a provider over the network. */
    public boolean callsLive() {
        return this != REPLAY;
    }
}
