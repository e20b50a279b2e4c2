package dev.synod.membership;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Collects what some loggers write; safe to read while netty threads are still logging. */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final List<Logger> loggers;

  private LogCapture(List<Logger> loggers) {
    this.loggers = loggers;
  }

  static LogCapture of(Class<?>... sources) {
    List<Logger> loggers = java.util.Arrays.stream(sources).map(c -> (Logger) LoggerFactory.getLogger(c)).toList();
    LogCapture capture = new LogCapture(loggers);
    capture.start();
    loggers.forEach(l -> l.addAppender(capture));
    return capture;
  }

  @Override
  protected void append(ILoggingEvent event) {
    events.add(event);
  }

  /** Formatted messages, in order, with their level in front: "WARN gossip TLS ...". */
  List<String> lines() {
    return events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  @Override
  public void close() {
    loggers.forEach(l -> l.detachAppender(this));
    stop();
  }
}
