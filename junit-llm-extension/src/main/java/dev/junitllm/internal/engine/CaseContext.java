package dev.junitllm.internal.engine;

import dev.junitllm.CallRole;
import dev.junitllm.GoldenCase;
import dev.junitllm.LlmClient;
import dev.junitllm.LlmConfiguration;
import dev.junitllm.LlmContext;
import dev.junitllm.LlmMode;
import dev.junitllm.LlmProxy;
import dev.junitllm.LlmResponse;
import dev.junitllm.MissingRecordingException;
import dev.junitllm.ModelId;
import dev.junitllm.Verdict;
import dev.junitllm.internal.cassette.Cassette;
import dev.junitllm.internal.cassette.CassetteTransport;
import dev.junitllm.internal.client.Exchange;
import dev.junitllm.internal.client.ExchangeResult;
import dev.junitllm.internal.client.HttpTransportConfig;
import dev.junitllm.internal.client.LlmClients;
import dev.junitllm.internal.client.ModelCallLog;
import dev.junitllm.internal.client.ProxiedCalls;
import dev.junitllm.internal.client.RetryPolicy;
import dev.junitllm.internal.client.Sleeper;
import dev.junitllm.internal.client.Transport;
import dev.junitllm.internal.fault.FaultPlan;
import dev.junitllm.internal.fault.FaultTransport;
import dev.junitllm.internal.fault.FiredFaults;
import dev.junitllm.internal.proxy.ProxyListener;
import dev.junitllm.internal.results.CallRecord;
import dev.junitllm.internal.results.CaseRecord;
import dev.junitllm.internal.review.LabelStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of one case while its samples run: its record in the ledger, its transport into the
 * class's cassette, the clients it handed out. Bound to the test thread as the {@link LlmContext}.
 */
final class CaseContext implements LlmContext, AutoCloseable {

    private final LlmRun run;
    private final CaseSpec spec;
    private final CaseRecord record;
    private final LlmMode mode;
    private final Transport transport;
    private final Transport clientTransport;
    private final FaultPlan faults;
    private final Map<String, LlmClient> clients = new ConcurrentHashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private volatile int sampleIndex;

    /**
     * @param mode this case's mode (its annotation, else {@code llm.mode}); {@code cassette} is null
     *     exactly when it is {@link LlmMode#LIVE}
     */
    CaseContext(
            LlmRun run,
            CaseSpec spec,
            CaseRecord record,
            LlmMode mode,
            Cassette cassette,
            String owner,
            FaultPlan faults) {
        this.run = run;
        this.spec = spec;
        this.record = record;
        this.mode = mode;
        this.faults = faults;
        // A replaying case gets no live transport at all, so it cannot reach the network by mistake.
        Transport live = mode.callsLive() ? run.liveTransport() : null;
        Transport calls =
                mode == LlmMode.LIVE ? live : new CassetteTransport(cassette, mode, live, owner, () -> sampleIndex);
        // every completed call of the model under test also lands in the sample's turns and trajectory
        this.transport = new ModelCallLog(calls, call -> record.currentSample().addModelCall(call));
        this.clientTransport = faults.isEmpty() ? transport : faulted(run, transport, faults);
    }

    /** Our clients meet injected faults in front of the cassette and retry them as they would over HTTP. */
    private static Transport faulted(LlmRun run, Transport transport, FaultPlan faults) {
        HttpTransportConfig http = HttpTransportConfig.from(run::config, name -> null);
        return new FaultTransport(
                transport,
                faults,
                new RetryPolicy(http.maxRetries(), http.maxRetryWait(), Clock.systemUTC()),
                http.readTimeout(),
                Sleeper.SYSTEM);
    }

    LlmMode mode() {
        return mode;
    }

    CaseRecord record() {
        return record;
    }

    CaseSpec spec() {
        return spec;
    }

    Transport transport() {
        return transport;
    }

    /** The case's injected faults; the {@link LlmProxy} applies them itself. */
    FaultPlan faults() {
        return faults;
    }

    void startSample(int index) {
        this.sampleIndex = index;
        faults.startSample(index);
        record.startSample();
    }

    /** A client for the case's model (or another named one) that records into this case. */
    LlmClient client(ModelId model, ModelId fallback, CallRole role) {
        String key = role + "|" + model + "|" + fallback;
        return clients.computeIfAbsent(key, k -> {
            LlmClient primary = newClient(model, role);
            return fallback == null
                    ? primary
                    : LlmClients.withFallback(
                            primary, newClient(fallback, role), MissingRecordingException.class::isInstance);
        });
    }

    private LlmClient newClient(ModelId model, CallRole role) {
        return LlmClients.create(model, role, clientTransport, run.prices(), run.budget(), this::onCall);
    }

    void onCall(CallRecord call) {
        record.currentSample().addCall(call.withFaults(FiredFaults.take()));
    }

    /**
     * Records the calls made through the {@link LlmProxy}; a call that an injected fault failed is
     * recorded as a failed call (other failures inside junit-llm, such as a replay miss, fail the test).
     */
    ProxyListener proxyListener() {
        return new ProxyListener() {
            @Override
            public void onExchange(Exchange exchange, ExchangeResult result, Instant startedAt) {
                CaseContext.this.onExchange(exchange, result, startedAt);
            }

            @Override
            public void onFailure(Exchange exchange, RuntimeException error, Instant startedAt) {
                if (FiredFaults.any()) {
                    onCall(ProxiedCalls.failure(exchange, error, startedAt));
                }
            }
        };
    }

    /**
     * A call made through the {@link LlmProxy}, received at {@code startedAt}: parsed like a client's
     * call, recorded like one.
     */
    void onExchange(Exchange exchange, ExchangeResult result, Instant startedAt) {
        onCall(ProxiedCalls.record(exchange, result, startedAt, run.prices(), run.budget()));
    }

    void addResource(AutoCloseable resource) {
        synchronized (resources) {
            resources.add(resource);
        }
    }

    @Override
    public void record(Verdict verdict) {
        record.currentSample().addVerdict(verdict);
    }

    @Override
    public Verdict recordJudged(Verdict judgeVerdict, String criterion, String answer) {
        return recordJudged(judgeVerdict, criterion, answer, null, null, null, null);
    }

    @Override
    public Verdict recordJudged(
            Verdict judgeVerdict,
            String criterion,
            String answer,
            String question,
            List<String> context,
            String expected,
            String otherAnswer) {
        GoldenCase row = spec.goldenCase();
        if (row == null || spec.dataset() == null || criterion == null || answer == null) {
            record(judgeVerdict);
            return judgeVerdict;
        }
        LabelStore.Decision decision = run.labels()
                .decide(
                        spec.dataset(),
                        row.id(),
                        String.valueOf(spec.model()),
                        criterion,
                        new LabelStore.Judged(answer, question, context, expected, otherAnswer),
                        judgeVerdict);
        record.currentSample().addVerdict(decision.counted(), decision.review());
        return decision.counted();
    }

    @Override
    public LlmClient judge() {
        return client(run.judgeModel(spec.model()), null, CallRole.JUDGE);
    }

    @Override
    public LlmClient judge(String modelId) {
        return client(LlmRun.parseModel(modelId), null, CallRole.JUDGE);
    }

    @Override
    public Optional<LlmClient> embeddingModel() {
        return run.config(LlmConfiguration.EMBEDDING_MODEL)
                .map(id -> client(LlmRun.parseModel(id), null, CallRole.JUDGE));
    }

    @Override
    public Optional<String> configuration(String key) {
        return run.config(key);
    }

    @Override
    public Optional<GoldenCase> goldenCase() {
        return Optional.ofNullable(spec.goldenCase());
    }

    @Override
    public List<LlmResponse> modelCalls() {
        return record.currentSample().modelCalls();
    }

    @Override
    public int sampleIndex() {
        return sampleIndex;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        synchronized (resources) {
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            resources.clear();
        }
        if (first != null) {
            throw first;
        }
    }
}
