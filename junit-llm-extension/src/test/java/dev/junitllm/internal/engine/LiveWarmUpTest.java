package dev.junitllm.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;

class LiveWarmUpTest {

    @ParameterizedTest
    @ValueSource(strings = {"live", "record", "RECORD"})
    void buildsAClientBesideDiscoveryWhenTheRunCallsLive(String mode) throws InterruptedException {
        LiveWarmUp warmUp = new LiveWarmUp();

        warmUp.launcherDiscoveryStarted(discovery(mode));

        assertThat(warmUp.thread()).hasValueSatisfying(t -> {
            assertThat(t.getName()).isEqualTo("junit-llm-http-warm-up");
            assertThat(t.isDaemon()).isTrue();
        });
        Thread thread = warmUp.thread().orElseThrow();
        thread.join(60_000);
        assertThat(thread.isAlive()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "foo", ""})
    void doesNothingForReplayOrABadValue(String mode) {
        LiveWarmUp warmUp = new LiveWarmUp();

        warmUp.launcherDiscoveryStarted(discovery(mode));

        assertThat(warmUp.thread()).isEmpty();
    }

    @Test
    void doesNothingWhenNoModeIsConfigured() {
        LiveWarmUp warmUp = new LiveWarmUp();

        warmUp.launcherDiscoveryStarted(request().build());

        assertThat(warmUp.thread()).isEmpty();
    }

    @Test
    void theLauncherFindsIt() {
        assertThat(ServiceLoader.load(LauncherDiscoveryListener.class))
                .anySatisfy(l -> assertThat(l).isInstanceOf(LiveWarmUp.class));
    }

    private static LauncherDiscoveryRequest discovery(String mode) {
        return request().configurationParameter("llm.mode", mode).build();
    }
}
