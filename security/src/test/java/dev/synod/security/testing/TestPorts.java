package dev.synod.security.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for servers that tests start later. They come from below Linux's ephemeral range (32768-60999):
 * a port that {@code new ServerSocket(0)} hands out is free only until some outgoing connection picks it as
 * its source port, which happened between choosing and binding in busy test runs. Each JVM walks the range
 * from a random start, so parallel test JVMs rarely meet, and every port is checked bindable before use.
 */
public final class TestPorts {
  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;
  private static final AtomicInteger NEXT =
      new AtomicInteger(FIRST + ThreadLocalRandom.current().nextInt(LAST - FIRST));

  private TestPorts() {}

  public static int next() {
    for (int attempt = 0; attempt < LAST - FIRST; attempt++) {
      int port = FIRST + Math.floorMod(NEXT.getAndIncrement() - FIRST, LAST - FIRST);
      if (bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + FIRST + ".." + LAST);
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
