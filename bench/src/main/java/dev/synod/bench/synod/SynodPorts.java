package dev.synod.bench.synod;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks a cluster's ports before it starts, so a leftover agent shows up as a clear error, not as a member that will not join. */
final class SynodPorts {
  private SynodPorts() {}

  static void requireFree(SynodSettings s) {
    for (int m = 0; m < s.members(); m++) {
      requireFree(s, m, "API", s.apiPort(m));
      requireFree(s, m, "Raft", s.raftPort(m));
      requireFree(s, m, "gossip", s.gossipPort(m));
    }
  }

  private static void requireFree(SynodSettings s, int member, String use, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // As the JDK binds the agents' listeners on Linux: a port in TIME_WAIT from an earlier run is free.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(SynodSettings.HOST, port));
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " on " + SynodSettings.HOST + " ("
          + SynodSettings.memberName(member) + "'s " + use + " port): in use (expected: free; a synod agent left"
          + " running? or choose a basePort other than " + s.basePort() + ")", e);
    }
  }
}
