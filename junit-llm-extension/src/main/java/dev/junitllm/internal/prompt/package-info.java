/**
 * Versioned prompt files: loading, hashing and rendering them with named variables
 * ({@link dev.junitllm.internal.prompt.PromptFile}).
 */
package dev.junitllm.internal.prompt;
