package dev.synod.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.synod.node.config.AgentConfig;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one agent in this process until SIGTERM/SIGINT, then stops it gracefully. */
final class AgentLauncher {
  private static final Logger log = LoggerFactory.getLogger(AgentLauncher.class);

  private AgentLauncher() {}

  static int run(AgentConfig config) {
    applyLogLevel(config.logLevel().configName());
    CommonPoolSizing.report(log);
    SynodAgent agent;
    try {
      agent = SynodAgent.start(config);
    } catch (IllegalArgumentException | IOException e) {
      // Bad input (a PEM file, a data directory): the message names it; a stack trace would only bury it.
      System.err.println("error: " + e.getMessage());
      log.error("agent failed to start: {}", e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      System.err.println("error: " + e.getMessage());
      log.error("agent failed to start", e);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("signal received: stopping gracefully");
      agent.close();
      stopped.countDown();
    }, "synod-shutdown"));
    agent.onFatal(message -> {
      System.err.println("error: " + message);
      log.error("fatal: {}; exiting", message);
      // Exit from another thread: System.exit runs the shutdown hook, which closes the agent.
      new Thread(() -> System.exit(1), "synod-fatal-exit").start();
    });
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static void applyLogLevel(String level) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
    }
  }
}
