package dev.junitllm.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** {@code encoding_format: base64}: little-endian float32 values, base64-encoded, as OpenAI sends them. */
final class Base64Floats {

    private Base64Floats() {}

    static String encode(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    static float[] decode(String base64) {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[buffer.remaining() / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getFloat();
        }
        return values;
    }
}
