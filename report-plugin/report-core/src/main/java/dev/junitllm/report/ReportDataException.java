package dev.junitllm.report;

/** A results, baseline or history file that cannot be read; the message says which and why. */
public class ReportDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReportDataException(String message) {
        super(message);
    }

    public ReportDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
