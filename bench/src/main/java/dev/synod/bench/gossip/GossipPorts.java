package dev.synod.bench.gossip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Fixed loopback ports for the rings, checked free before each start, so that a leftover member shows up as a
 * clear error. They sit below Linux's ephemeral range (32768-60999), where outgoing connections never take
 * them, and clear of the etcd (23790+) and Synod (24790+) clusters of the other bars.
 */
final class GossipPorts {
  static final String HOST = "127.0.0.1";
  static final int DEFAULT_BASE = 25100;
  /** serf's RPC ports follow its gossip ports at this distance; more than MAX_MEMBERS. */
  static final int RPC_OFFSET = 50;

  private GossipPorts() {}

  /** Checks TCP and UDP (serf gossips over both) on {@code port}. */
  static void requireFree(int port, String use) {
    try (ServerSocket tcp = new ServerSocket(); DatagramSocket udp = new DatagramSocket(null)) {
      // As the members bind: a port in TIME_WAIT from the previous ring is free.
      tcp.setReuseAddress(true);
      tcp.bind(new InetSocketAddress(HOST, port));
      udp.bind(new InetSocketAddress(HOST, port));
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " on " + HOST + " (" + use + "): in use (expected: free;"
          + " a gossip member left running from an earlier run?)", e);
    }
  }
}
