package dev.synod.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** N in-process {@link FakeNode}s with unique names, and a client builder wired to them. */
final class FakeCluster implements AutoCloseable {
  private static final AtomicInteger SEQ = new AtomicInteger();

  final List<FakeNode> nodes = new ArrayList<>();

  FakeCluster(int n) throws IOException {
    int id = SEQ.incrementAndGet();
    for (int i = 0; i < n; i++) {
      nodes.add(FakeNode.inProcess("node-" + (char) ('a' + i) + "-" + id + ":7400"));
    }
  }

  FakeNode node(int i) {
    return nodes.get(i);
  }

  List<String> addresses() {
    return nodes.stream().map(n -> n.address).toList();
  }

  /** Fast backoff so retry tests stay quick. */
  SynodClient.Builder client() {
    return SynodClient.builder().endpoints(addresses()).channelFactory(FakeNode::inProcessChannels)
        .deadline(Duration.ofSeconds(2)).initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5));
  }

  long count(String method) {
    return nodes.stream().mapToLong(n -> n.received(method).size()).sum();
  }

  @Override
  public void close() {
    for (FakeNode n : nodes) {
      n.close();
    }
  }
}
