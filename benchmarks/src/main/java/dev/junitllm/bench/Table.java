package dev.junitllm.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The results table: one row per figure, with its target and the ratio against it. */
final class Table {
    record Row(String benchmark, String measured, String target, String ratio, String verdict) {}

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(String benchmark, String measured, String target, String ratio, boolean met) {
        rows.add(new Row(benchmark, measured, target, ratio, met ? "met" : "MISSED"));
    }

    synchronized void info(String benchmark, String measured) {
        rows.add(new Row(benchmark, measured, "", "", ""));
    }

    synchronized void print(PrintStream out) {
        String[] header = {"benchmark", "measured", "target", "ratio", ""};
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
        }
        for (Row r : rows) {
            String[] cells = cells(r);
            for (int i = 0; i < cells.length; i++) {
                width[i] = Math.max(width[i], cells[i].length());
            }
        }
        out.println(line(header, width));
        StringBuilder rule = new StringBuilder("|");
        for (int w : width) {
            rule.append("-".repeat(w + 2)).append('|');
        }
        out.println(rule);
        for (Row r : rows) {
            out.println(line(cells(r), width));
        }
    }

    private static String[] cells(Row r) {
        return new String[] {r.benchmark(), r.measured(), r.target(), r.ratio(), r.verdict()};
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder s = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            s.append(' ')
                    .append(cells[i])
                    .append(" ".repeat(width[i] - cells[i].length()))
                    .append(" |");
        }
        return s.toString();
    }
}
