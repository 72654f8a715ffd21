package dev.junitllm.internal.dataset;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One parsed row before validation, with the 1-based line it starts on. */
record RawRow(int line, ObjectNode fields) {}
