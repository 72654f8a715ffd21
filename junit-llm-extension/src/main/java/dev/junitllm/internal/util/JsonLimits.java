package dev.junitllm.internal.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The reading limits of every JSON junit-llm reads: cassettes, dataset rows, provider answers and the
 * bodies SDKs send through the proxy. Jackson's default longest string (20 M characters) is too small
 * for long answers and embedding batches, and a body over it must never be mistaken for "not JSON".
 */
public final class JsonLimits {

    /** The longest string value, in characters (256 M). */
    public static final int MAX_STRING_LENGTH = 256 * 1024 * 1024;

    /** The constraints, for messages that state them. */
    public static final StreamReadConstraints CONSTRAINTS =
            StreamReadConstraints.builder().maxStringLength(MAX_STRING_LENGTH).build();

    private JsonLimits() {}

    /** A mapper with these limits. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder(
                        JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build())
                .build();
    }

    /** A mapper with these limits that also rejects a key twice in one object (a bad merge, a bad row). */
    public static ObjectMapper strictMapper() {
        return JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(CONSTRAINTS)
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build())
                .build();
    }
}
