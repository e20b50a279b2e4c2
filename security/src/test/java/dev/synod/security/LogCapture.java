package dev.synod.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Records one class's log events; safe to read while a background thread logs. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final Logger logger;
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

  private LogCapture(Class<?> type) {
    this.logger = (Logger) LoggerFactory.getLogger(type);
    start();
    logger.addAppender(this);
  }

  public static LogCapture of(Class<?> type) {
    return new LogCapture(type);
  }

  @Override
  protected void append(ILoggingEvent event) {
    events.add(event);
  }

  public List<String> messages(Level level) {
    return events.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
  }

  public List<String> warnings() {
    return messages(Level.WARN);
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}
