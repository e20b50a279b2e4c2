package dev.synod.security.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Records log events while open, so a test can check what was logged and why; safe to read while
 * netty or scheduler threads are still logging.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final List<Logger> loggers;

  private LogCapture(List<Logger> loggers) {
    this.loggers = loggers;
  }

  /** Captures everything that reaches the root logger. */
  public static LogCapture open() {
    return attach(List.of((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)));
  }

  /** Captures only what these classes log, so other components' lines cannot disturb exact checks. */
  public static LogCapture of(Class<?>... sources) {
    return attach(Arrays.stream(sources).map(c -> (Logger) LoggerFactory.getLogger(c)).toList());
  }

  private static LogCapture attach(List<Logger> loggers) {
    LogCapture capture = new LogCapture(loggers);
    capture.setContext(loggers.get(0).getLoggerContext());
    capture.start();
    loggers.forEach(l -> l.addAppender(capture));
    return capture;
  }

  @Override
  protected void append(ILoggingEvent event) {
    // Formats now, on the logging thread, so later changes to the arguments cannot alter the line.
    event.prepareForDeferredProcessing();
    events.add(event);
  }

  /** Every line in order, level first: "WARN gossip TLS ...". */
  public List<String> lines() {
    return events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  /** Whether a single line holds every one of {@code fragments}. */
  public boolean contains(String... fragments) {
    return lines().stream().anyMatch(line -> Arrays.stream(fragments).allMatch(line::contains));
  }

  /** The messages logged at {@code level}, without the level. */
  public List<String> messages(Level level) {
    return events.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
  }

  public List<String> warnings() {
    return messages(Level.WARN);
  }

  @Override
  public void close() {
    loggers.forEach(l -> l.detachAppender(this));
    stop();
  }
}
