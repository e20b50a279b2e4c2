package dev.synod.bench.gossip;

import java.util.List;

/** One running ring of member processes, named n0, n1, ...; closing it kills whatever still runs. */
public interface GossipRing extends AutoCloseable {
  /** The name of the member with this index, in both systems: its node id, and its serf node name. */
  static String memberName(int member) {
    return "n" + member;
  }

  /** The members' names; a member's index is its position. */
  List<String> members();

  /** The gossip settings in use: as the members report them, or as documented for the system's profile. */
  String settings();

  /** What the members printed, stamped on arrival. */
  ObservationLog observations();

  /**
   * SIGKILLs one member (no chance to leave gracefully) and waits for it to exit.
   *
   * @return {@link System#nanoTime()} just before the signal, the start of the detection measurement
   */
  long kill(int member) throws InterruptedException;

  /**
   * @throws IllegalStateException naming the member, its exit code and the end of its output, when one of
   *     {@code members} is no longer running
   */
  void requireRunning(List<Integer> members);

  @Override
  void close();
}
