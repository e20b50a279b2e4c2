package dev.synod.bench.gossip;

import java.time.Duration;

/** A gossip system under test, able to start fresh rings of member processes on this machine. */
public interface GossipSubject extends AutoCloseable {
  /** The system's name in results: "synod" or "serf". */
  String system();

  /** What runs and how, for the report: the executable, its version, the timing profile, transport security. */
  String describe();

  /**
   * Starts {@code members} member processes on 127.0.0.1 (the first, then the others joining through it) and
   * returns once each has said its gossip is up. Whether they see each other yet is for the caller to wait for.
   *
   * @throws IllegalStateException when a port is taken, a member exits, or {@code timeout} passes first
   */
  GossipRing start(int members, Duration timeout) throws InterruptedException;

  /** Removes what the subject made for its rings (keys, certificates); the rings' logs stay. */
  @Override
  void close();
}
