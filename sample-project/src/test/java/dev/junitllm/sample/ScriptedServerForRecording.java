package dev.junitllm.sample;

import dev.junitllm.LlmConfiguration;
import dev.junitllm.testkit.ScriptedLlmServer;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * With {@code -Dsample.scripted-server=true}, starts junit-llm's scripted server (NOT a real model:
 * its answers are hand-written in {@code scripted/support-assistant.json}) on 127.0.0.1 and points
 * {@code llm.openai.base-url} at it, so the sample's recordings can be re-made offline:
 *
 * <pre>
 * OPENAI_API_KEY=unused mvn test -Dllm.mode=record -Dsample.scripted-server=true
 * </pre>
 *
 * Without the flag it does nothing; real recordings come from {@code OPENAI_API_KEY=sk-... mvn test
 * -Dllm.mode=record}.
 */
public class ScriptedServerForRecording implements LauncherSessionListener {

    private ScriptedLlmServer server;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (Boolean.getBoolean("sample.scripted-server")) {
            server = ScriptedLlmServer.fromScript("scripted/support-assistant.json");
            System.setProperty(LlmConfiguration.OPENAI_BASE_URL, server.openAiBaseUrl());
            System.out.println("sample: recording against the SCRIPTED server at " + server.openAiBaseUrl()
                    + " (hand-written answers, not a real model)");
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (server != null) {
            server.close();
            System.clearProperty(LlmConfiguration.OPENAI_BASE_URL);
        }
    }
}
