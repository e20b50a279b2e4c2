package dev.synod.node.bootstrap;

import dev.synod.consensus.PeerAddress;
import dev.synod.membership.Member;
import dev.synod.membership.MemberInfo;
import dev.synod.membership.Membership;
import dev.synod.membership.MemberStatus;
import dev.synod.node.config.AgentConfig;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the node's Raft server once it knows how: recover from disk, form the first group when
 * bootstrap-expect servers are visible, or start empty and wait for the leader's autopilot to add it.
 * A plan must hold for {@link #SETTLE_MILLIS} before it is acted on, so late gossip can still change it.
 */
public final class Bootstrapper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Bootstrapper.class);
  static final long SETTLE_MILLIS = 1_000;
  private static final long POLL_MILLIS = 200;
  private static final long REPORT_EVERY_MILLIS = 10_000;

  /** Starts the Raft server with the given initial peers (empty: recover, or join later). */
  public interface RaftStarter {
    void start(List<PeerAddress> initialPeers) throws IOException;
  }

  private final AgentConfig config;
  private final Membership membership;
  private final boolean formedBefore;
  private final RaftStarter starter;
  private final Consumer<String> pendingReason;
  private final Consumer<String> fatal;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "synod-bootstrap");
    t.setDaemon(true);
    return t;
  });
  private BootstrapPlan candidate;
  private long candidateSince;
  private long lastReport;
  private boolean done;

  public Bootstrapper(AgentConfig config, Membership membership, boolean formedBefore, RaftStarter starter,
      Consumer<String> pendingReason, Consumer<String> fatal) {
    this.config = config;
    this.membership = membership;
    this.formedBefore = formedBefore;
    this.starter = starter;
    this.pendingReason = pendingReason;
    this.fatal = fatal;
  }

  public void begin() {
    if (formedBefore) {
      executor.execute(() -> start(List.of(), "recovering Raft state from " + config.dataDir()));
      return;
    }
    executor.scheduleWithFixedDelay(this::evaluate, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void evaluate() {
    if (done) {
      return;
    }
    List<MemberInfo> visible = membership.members().stream()
        .filter(m -> m.status() == MemberStatus.ALIVE)
        .map(Member::info).toList();
    BootstrapPlan plan = BootstrapPlan.plan(config.nodeId(), config.bootstrapExpect(), visible);
    long now = System.nanoTime() / 1_000_000;
    if (!plan.equals(candidate)) {
      candidate = plan;
      candidateSince = now;
    }
    pendingReason.accept(plan.reason());
    if (now - lastReport >= REPORT_EVERY_MILLIS) {
      lastReport = now;
      log.info("bootstrap: {}", plan.reason());
    }
    if (plan.decision() != BootstrapPlan.Decision.WAIT && now - candidateSince >= SETTLE_MILLIS) {
      start(plan.peers(), plan.reason());
    }
  }

  private void start(List<PeerAddress> peers, String reason) {
    done = true;
    log.info("bootstrap: {}", reason);
    try {
      starter.start(peers);
    } catch (IOException | RuntimeException e) {
      pendingReason.accept("raft failed to start: " + e.getMessage());
      log.error("raft failed to start: {}", e.getMessage(), e);
      fatal.accept("raft failed to start: " + e.getMessage());
    }
    executor.shutdown();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
