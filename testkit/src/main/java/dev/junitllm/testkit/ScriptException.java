package dev.junitllm.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A script file for {@link ScriptedLlmServer} that cannot be used; the message names the file, the
 * line and column, the place in the document and what to change, e.g.
 *
 * <pre>
 * script [scripts/support.json] line 7, column 9 (rules[1].match): unknown key 'contans'; allowed: contains, systemContains, model, lastRole, provider
 * </pre>
 */
@API(status = EXPERIMENTAL)
public final class ScriptException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;

    ScriptException(String source, int line, int column, String detail) {
        super("script [" + source + "] line " + line + ", column " + column + " " + detail);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The file path or classpath resource name. */
    public String source() {
        return source;
    }

    /** 1-based line of the offending value. */
    public int line() {
        return line;
    }

    /** 1-based column of the offending value. */
    public int column() {
        return column;
    }
}
