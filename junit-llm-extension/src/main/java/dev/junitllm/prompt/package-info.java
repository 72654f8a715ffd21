/**
 * Versioned prompt files: loading, hashing and rendering them with named variables
 * ({@link dev.junitllm.prompt.PromptFile}).
 */
package dev.junitllm.prompt;
