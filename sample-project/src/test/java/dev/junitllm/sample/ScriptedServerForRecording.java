package dev.junitllm.sample;

import dev.junitllm.LlmConfiguration;
import dev.junitllm.testkit.ScriptedLlmServer;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * With {@code -Dsample.scripted-server=true}, starts junit-llm's scripted server (NOT a real model: its
 * answers are composed by {@link ScriptedJudge} and {@link ScriptedSupportModels}, and the models it
 * reports end in {@code -scripted}) on 127.0.0.1 and points {@code llm.openai.base-url} at it, so the
 * sample's recordings can be re-made offline, for today's model and for the candidate:
 *
 * <pre>
 * OPENAI_API_KEY=unused mvn test -Dllm.mode=record -Dsample.scripted-server=true
 * OPENAI_API_KEY=unused mvn test -Dllm.mode=record -Dsample.scripted-server=true -Pcandidate
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
            server = ScriptedLlmServer.start();
            ScriptedJudge.register(server);
            ScriptedSupportModels.register(server);
            System.setProperty(LlmConfiguration.OPENAI_BASE_URL, server.openAiBaseUrl());
            System.out.println("sample: recording against the SCRIPTED server at " + server.openAiBaseUrl()
                    + " (scripted answers, not a real model)");
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
