package dev.junitllm.internal.client;

import dev.junitllm.LlmException;
import dev.junitllm.LlmProviderException;
import dev.junitllm.internal.redact.Redactor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Redacts what the client and the proxy throw or answer, because exception messages end up in Surefire
 * and Allure reports: the exact key values known for a call (the environment's and the credentials an
 * SDK sent) and, through {@link Redactor#redactMessage(String)}, the environment's keys, echoed {@code
 * Authorization}/{@code x-api-key} header values and key-shaped strings.
 *
 * <pre>{@code
 * throw Messages.forEnvironment().redacted(new LlmException("401: Incorrect API key provided: sk-..."));
 * }</pre>
 */
public final class Messages {
    private static final Redactor ENVIRONMENT = Redactor.fromEnvironment(System.getenv());

    private final List<String> secrets;

    /**
     * @param apiKey the environment key of the provider, may be null
     * @param headers request headers (lower-case names); credential header values are secrets
     */
    Messages(String apiKey, Map<String, List<String>> headers) {
        List<String> found = new ArrayList<>();
        add(found, apiKey);
        headers.forEach((name, values) -> {
            if (name.equals("authorization") || name.equals("x-api-key") || name.equals("api-key")) {
                for (String value : values) {
                    add(found, value);
                    int space = value.indexOf(' ');
                    if (space > 0) {
                        add(found, value.substring(space + 1)); // the credential of any scheme
                    }
                }
            }
        });
        found.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(found);
    }

    /** Knows only the environment's keys. */
    public static Messages forEnvironment() {
        return new Messages(null, Map.of());
    }

    /** For the credentials an SDK sent through the proxy. */
    public static Messages forHeaders(Map<String, List<String>> headers) {
        return new Messages(null, headers);
    }

    private static void add(List<String> secrets, String value) {
        if (value != null && value.strip().length() >= 4) {
            secrets.add(value.strip());
        }
    }

    /** {@code text} without secrets; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "[REDACTED]");
        }
        String lower = result.toLowerCase(Locale.ROOT);
        if (lower.contains("bearer ")) {
            result = result.replaceAll("(?i)(bearer\\s+)(?!\\[REDACTED)[^\\s\"',;]{8,}", "$1[REDACTED]");
        }
        return ENVIRONMENT.redactMessage(result);
    }

    /**
     * The exception itself when its message holds no secret, else one of the same kind with the
     * message redacted (and without the cause, whose message would repeat the secret).
     */
    public RuntimeException redacted(RuntimeException e) {
        String message = e.getMessage();
        String safe = redact(message);
        if (e instanceof LlmProviderException p) {
            String providerMessage = redact(p.providerMessage());
            if (Objects.equals(message, safe) && Objects.equals(p.providerMessage(), providerMessage)) {
                return e;
            }
            LlmProviderException copy = new LlmProviderException(
                    safe, p.status(), p.errorType(), providerMessage, p.requestId(), p.isTransient(), null);
            copy.setStackTrace(e.getStackTrace());
            return copy;
        }
        if (Objects.equals(message, safe)) {
            return e;
        }
        LlmException copy = new LlmException(safe);
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
