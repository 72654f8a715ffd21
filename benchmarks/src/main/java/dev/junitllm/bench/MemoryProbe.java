package dev.junitllm.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The child JVM of the memory benchmark: replays the 10,000-case fixture and prints its heap peak
 * on one line. Two figures: the highest heap in use sampled every 5 ms (live data plus garbage not
 * yet collected, so it depends on {@code -Xmx} and the collector), and the highest heap left after
 * any collection (the live set: what the run really holds on to).
 */
public final class MemoryProbe {
    static final String PREFIX = "MEMORY ";

    private MemoryProbe() {}

    public static void main(String[] args) throws Exception {
        Path cassettes = Path.of(args[0]);
        Path results = Path.of(args[1]);
        AtomicLong peakUsed = new AtomicLong();
        AtomicLong peakAfterGc = new AtomicLong();
        AtomicInteger gcs = new AtomicInteger();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc)
                    .addNotificationListener(
                            (notification, handback) -> {
                                if (!notification
                                        .getType()
                                        .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                                    return;
                                }
                                var info = GarbageCollectionNotificationInfo.from(
                                        (CompositeData) notification.getUserData());
                                long after = 0;
                                for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                                    MemoryUsage usage = info.getGcInfo()
                                            .getMemoryUsageAfterGc()
                                            .get(pool.getName());
                                    if (pool.getType() == MemoryType.HEAP && usage != null) {
                                        after += usage.getUsed();
                                    }
                                }
                                peakAfterGc.accumulateAndGet(after, Math::max);
                                gcs.incrementAndGet();
                            },
                            null,
                            null);
        }
        Thread sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();

        PlatformRun.Result r = new PlatformRun()
                .with(Recording.replay(cassettes, results))
                .run(Fixtures.LlmMemory.class)
                .requireAllPassed("memory replay");
        if (r.tests() != BenchData.MEMORY_ROWS + 1) {
            throw new IllegalStateException("ran " + r.tests() + " tests");
        }
        sampler.interrupt();
        sampler.join();
        peakUsed.accumulateAndGet(
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        Thread.sleep(100); // GC notifications are delivered asynchronously
        System.out.println(String.format(
                Locale.ROOT,
                "%speakUsedMb=%.1f peakAfterGcMb=%.1f gcs=%d ms=%.0f maxHeapMb=%d",
                PREFIX,
                peakUsed.get() / 1048576.0,
                peakAfterGc.get() / 1048576.0,
                gcs.get(),
                r.millis(),
                Runtime.getRuntime().maxMemory() >> 20));
    }
}
