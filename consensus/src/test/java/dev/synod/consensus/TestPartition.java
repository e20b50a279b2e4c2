package dev.synod.consensus;

import org.apache.ratis.util.CodeInjectionForTesting;

/** Cuts a member off from the rest of its group through Ratis' test hooks, which run on the receiving side of RPCs. */
final class TestPartition {
  private static final String APPEND_ENTRIES = "RaftServerImpl.appendEntries";
  private static final String REQUEST_VOTE = "RaftServerImpl.requestVote";

  private TestPartition() {}

  /** Every Raft RPC from or to {@code id} fails on arrival; the others go on among themselves. */
  static void cutOff(String id) {
    CodeInjectionForTesting.Code refuse = (localId, remoteId, args) -> {
      if (id.equals(String.valueOf(localId)) || id.equals(String.valueOf(remoteId))) {
        throw new IllegalStateException("test partition: " + remoteId + " -> " + localId);
      }
      return false;
    };
    CodeInjectionForTesting.put(APPEND_ENTRIES, refuse);
    CodeInjectionForTesting.put(REQUEST_VOTE, refuse);
  }

  static void heal() {
    CodeInjectionForTesting.remove(APPEND_ENTRIES);
    CodeInjectionForTesting.remove(REQUEST_VOTE);
  }
}
