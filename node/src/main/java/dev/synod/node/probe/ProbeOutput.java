package dev.synod.node.probe;

import dev.synod.membership.MembershipEvent;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@code synod gossip-probe} prints on stdout: one line per fact, written and flushed at once, so that a
 * benchmark reading the pipe can stamp each line when it arrives. The lines are
 * <pre>
 * settings preset=lan pingInterval=1000ms ...   the gossip settings in use, once
 * ready NODE HOST:PORT                          gossip is up, once
 * event TYPE NODE                               a membership event (JOINED, UPDATED, LEAVING, LEFT, FAILED)
 * suspect NODE                                  this node's probe of NODE got no ack, direct or indirect
 * </pre>
 */
public final class ProbeOutput {
  private final Consumer<String> sink;

  /** @param sink receives whole lines, without the line break */
  public ProbeOutput(Consumer<String> sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Lines to {@code out}, each flushed as it is written. */
  public static ProbeOutput printingTo(PrintStream out) {
    return new ProbeOutput(line -> {
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    });
  }

  void settings(String description) {
    sink.accept("settings " + description);
  }

  void ready(String nodeId, String gossipAddress) {
    sink.accept("ready " + nodeId + " " + gossipAddress);
  }

  void event(MembershipEvent event) {
    sink.accept("event " + event.type() + " " + event.member().nodeId());
  }

  void suspect(String nodeId) {
    sink.accept("suspect " + nodeId);
  }
}
