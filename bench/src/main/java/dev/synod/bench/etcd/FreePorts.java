package dev.synod.bench.etcd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks a cluster's ports before it starts, so a leftover etcd shows up as a clear error, not as a member that will not join. */
final class FreePorts {
  private FreePorts() {}

  static void require(EtcdSettings s) {
    for (int m = 0; m < s.members(); m++) {
      require(s, m, "client", s.clientPort(m));
      require(s, m, "peer", s.peerPort(m));
    }
  }

  private static void require(EtcdSettings s, int member, String use, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // As etcd (Go) binds its listeners: a port in TIME_WAIT from an earlier run is free.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(EtcdSettings.HOST, port));
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " on " + EtcdSettings.HOST + " (" + EtcdSettings.memberName(member)
          + "'s " + use + " port): in use (expected: free; an etcd left running? or choose a basePort other than "
          + s.basePort() + ")", e);
    }
  }
}
