package dev.synod.node.probe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.scalecube.cluster.Member;
import io.scalecube.cluster.membership.MemberStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Sees the suspicions that scalecube 2.7 keeps to itself. Its failure detector has no public listener, but
 * it logs the verdict of every probe round at DEBUG ({@code Member {} detected as {}}, with the prober, the
 * probed member and ALIVE or SUSPECT as arguments). This appender, on that one logger, hands each SUSPECT
 * verdict to the probe whose local member reached it. Only gossip probes install it; the agent's logging
 * stays as configured.
 */
final class SuspicionTap extends AppenderBase<ILoggingEvent> {
  // FailureDetectorImpl logs under its interface's name.
  static final String FAILURE_DETECTOR_LOGGER = "io.scalecube.cluster.fdetector.FailureDetector";
  private static final String VERDICT = "[{}][{}] Member {} detected as {}";
  private static final String NAME = "synod-suspicion-tap";

  /** Local node id → who is told when that node suspects another; several in-process probes share the logger. */
  private static final Map<String, Consumer<String>> LISTENERS = new ConcurrentHashMap<>();

  private SuspicionTap() {}

  /**
   * Calls {@code onSuspect} with the node id of every member that {@code localNodeId}'s failure detector
   * suspects, until the returned handle runs.
   */
  static synchronized Runnable listen(String localNodeId, Consumer<String> onSuspect) {
    attach();
    LISTENERS.put(localNodeId, onSuspect);
    return () -> LISTENERS.remove(localNodeId, onSuspect);
  }

  private static void attach() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      throw new IllegalStateException("gossip-probe: suspicions are read from scalecube's log, which needs logback"
          + " (found: " + LoggerFactory.getILoggerFactory().getClass().getName() + ")");
    }
    Logger detector = context.getLogger(FAILURE_DETECTOR_LOGGER);
    if (detector.getAppender(NAME) != null) {
      return;
    }
    SuspicionTap tap = new SuspicionTap();
    tap.setName(NAME);
    tap.setContext(context);
    tap.start();
    detector.addAppender(tap);
    detector.setLevel(Level.DEBUG);
    // Its other DEBUG lines (every ping sent and received) stay out of the log; warnings go on below.
    detector.setAdditive(false);
  }

  @Override
  protected void append(ILoggingEvent event) {
    Object[] args = event.getArgumentArray();
    if (VERDICT.equals(event.getMessage()) && args != null && args.length == 4) {
      if (args[3] == MemberStatus.SUSPECT && args[0] instanceof Member local && args[2] instanceof Member suspect) {
        Consumer<String> listener = LISTENERS.get(local.alias());
        if (listener != null) {
          listener.accept(suspect.alias());
        }
      }
    } else if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).callAppenders(event);
    }
  }
}
