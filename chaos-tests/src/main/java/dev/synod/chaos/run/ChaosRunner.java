package dev.synod.chaos.run;

import com.google.gson.JsonPrimitive;
import dev.synod.chaos.checker.AvailabilityReport;
import dev.synod.chaos.checker.CasRegisterModel;
import dev.synod.chaos.checker.CheckResult;
import dev.synod.chaos.checker.LinearizabilityChecker;
import dev.synod.chaos.checker.LinearizabilityResult;
import dev.synod.chaos.checker.SetChecker;
import dev.synod.chaos.checker.SetResult;
import dev.synod.chaos.checker.Stats;
import dev.synod.chaos.history.History;
import dev.synod.chaos.workload.CasRegisterWorkload;
import dev.synod.chaos.workload.PlannedOp;
import dev.synod.client.SynodClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one chaos test: client workers record a history while the fault driver attacks the cluster; then
 * every fault is healed, the cluster gets time to recover, the final operations run, and the checkers
 * judge the history.
 */
public final class ChaosRunner {
  private static final Logger log = LoggerFactory.getLogger(ChaosRunner.class);

  private final Supplier<SynodClient.Builder> clientBuilder;
  private final Consumer<Duration> awaitHealthy;

  /**
   * @param clientBuilder a fresh builder aimed at the cluster with its transport security chosen, e.g. {@code () ->
   *     cluster.clientBuilder(cluster.apiEndpoints())}; the runner sets deadline and retries
   * @param awaitHealthy blocks until the cluster serves again, or throws after the given time
   */
  public ChaosRunner(Supplier<SynodClient.Builder> clientBuilder, Consumer<Duration> awaitHealthy) {
    this.clientBuilder = clientBuilder;
    this.awaitHealthy = awaitHealthy;
  }

  public RunOutcome run(ChaosSpec spec, FaultDriver faults) {
    History history = new History();
    AtomicBoolean running = new AtomicBoolean(true);
    List<SynodClient> clients = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(spec.clients(), r -> new Thread(r, "chaos-client"));
    long pauseNanos = (long) (spec.clients() * 1e9 / spec.opsPerSecond());
    log.info("chaos run {} seed {}: {} clients, {} ops/s, {}", spec.name(), spec.seed(), spec.clients(),
        spec.opsPerSecond(), spec.duration());
    try {
      for (int i = 0; i < spec.clients(); i++) {
        SynodClient client = newClient();
        clients.add(client);
        pool.execute(new ClientWorker(i, spec.clients(), spec.workload(), client, history, spec.seed(), pauseNanos,
            running::get));
      }
      faults.start((f, value) -> history.nemesis(f, new JsonPrimitive(value)));
      sleep(spec.duration());
    } finally {
      running.set(false);
      faults.stopAndHealAll();
      pool.shutdown();
      awaitQuietly(pool);
    }
    try {
      awaitHealthy.accept(spec.recovery());
      runFinalOps(spec, history);
    } finally {
      clients.forEach(SynodClient::close);
    }
    return new RunOutcome(history, check(spec, history));
  }

  private static final int FINAL_ATTEMPTS = 5;
  private static final Duration FINAL_RETRY_PAUSE = Duration.ofSeconds(1);

  private void runFinalOps(ChaosSpec spec, History history) {
    List<PlannedOp> finals = spec.workload().finalOps();
    if (finals.isEmpty()) {
      return;
    }
    try (SynodClient client = newClient()) {
      ClientWorker finalWorker = new ClientWorker(spec.clients() * 1000, 1, spec.workload(), client, history,
          spec.seed(), 0, () -> false);
      // The cluster has just healed: a final read may still meet a node that is catching up. Each attempt is
      // recorded; the checkers use the last OK one.
      for (PlannedOp op : finals) {
        for (int attempt = 1; !finalWorker.invoke(op) && attempt < FINAL_ATTEMPTS; attempt++) {
          sleep(FINAL_RETRY_PAUSE);
        }
      }
    }
  }

  private static CheckResult check(ChaosSpec spec, History history) {
    LinearizabilityResult linear = null;
    SetResult set = null;
    if (spec.workload() instanceof CasRegisterWorkload) {
      linear = LinearizabilityChecker.builder(new CasRegisterModel()).budget(spec.checkBudget()).build()
          .check(history);
    } else {
      set = SetChecker.check(history);
    }
    return CheckResult.of(linear, set, Stats.of(history), AvailabilityReport.of(history));
  }

  private SynodClient newClient() {
    return clientBuilder.get().deadline(Duration.ofSeconds(2)).maxRetries(2)
        .initialBackoff(Duration.ofMillis(50)).maxBackoff(Duration.ofMillis(500)).build();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
