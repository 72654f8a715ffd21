package dev.junitllm.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Command-line arguments of {@link ScriptedLlmServer#main}. */
final class Cli {

    static final String USAGE = String.join(
            System.lineSeparator(),
            "usage: java -cp <classpath> dev.junitllm.testkit.ScriptedLlmServer [--port N] [--script FILE] [--quiet]",
            "  --port N       port on 127.0.0.1 (default 0: a free port)",
            "  --script FILE  rules as JSON or YAML (.yaml/.yml), see docs/scripted-server.md",
            "  --quiet        do not print a line per request",
            "  --help         print this help",
            "A scripted test server, NOT a real model: recordings made against it must say so.");

    record Options(int port, Path script, boolean quiet, boolean help) {}

    private Cli() {}

    static Options parse(String[] args) {
        int port = 0;
        Path script = null;
        boolean quiet = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> {
                    String value = value(args, i++);
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port needs a number 0..65535, got '" + value + "'");
                    }
                    if (port < 0 || port > 65_535) {
                        throw new IllegalArgumentException("--port needs a number 0..65535, got " + port);
                    }
                }
                case "--script" -> {
                    script = Path.of(value(args, i++));
                    if (!Files.isRegularFile(script)) {
                        throw new IllegalArgumentException("--script file not found: " + script.toAbsolutePath());
                    }
                }
                case "--quiet" -> quiet = true;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        return new Options(port, script, quiet, help);
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }
}
