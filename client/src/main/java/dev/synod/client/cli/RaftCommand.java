package dev.synod.client.cli;

import dev.synod.client.SynodClient;
import dev.synod.proto.v1.RaftPeer;
import dev.synod.proto.v1.RaftPeersResponse;
import dev.synod.proto.v1.RemovePeerRequest;
import dev.synod.proto.v1.RemovePeerResponse;
import dev.synod.proto.v1.TransferLeaderRequest;
import dev.synod.proto.v1.TransferLeaderResponse;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code synod raft ...}: Raft configuration and leadership. */
@Command(name = "raft", description = "Raft peer and leadership commands.",
    subcommands = {RaftCommand.Peers.class, RaftCommand.TransferLeader.class, RaftCommand.RemovePeer.class})
final class RaftCommand extends GroupCommand {

  static Table peers(List<RaftPeer> peers) {
    Table t = new Table("NODE", "RAFT", "ROLE", "LEADER", "MATCH", "CONTACT_MS");
    for (RaftPeer p : peers) {
      t.row(p.getNodeId(), p.getRaftAddress(), p.getRole(), p.getLeader() ? "*" : "", known(p.getMatchIndex()),
          known(p.getLastContactMillis()));
    }
    return t;
  }

  /** Replication progress is known only on the leader; elsewhere the node reports -1. */
  private static String known(long v) {
    return v < 0 ? "-" : Long.toString(v);
  }

  @Command(name = "peers", description = "List Raft voters and learners.")
  static final class Peers extends ClientCommand {
    @Override
    int run(SynodClient client, Output out) {
      RaftPeersResponse r = client.raftPeers();
      if (out.json()) {
        out.json(r);
        return ExitCodes.OK;
      }
      out.table(peers(r.getPeersList()));
      out.line("term " + r.getTerm() + ", commit index " + r.getCommitIndex() + ", served by "
          + r.getHeader().getServedBy() + " (match and contact are known on the leader only)");
      return ExitCodes.OK;
    }
  }

  @Command(name = "transfer-leader", description = "Hand Raft leadership to another voter.")
  static final class TransferLeader extends ClientCommand {
    @Option(names = "--to", paramLabel = "ID", description = "Target node id (default: the most caught-up voter).")
    String to = "";

    @Override
    int run(SynodClient client, Output out) {
      // Leave the server some of the call deadline to report a failed transfer.
      long serverTimeout = Math.max(1, options.timeout.toMillis() * 4 / 5);
      TransferLeaderResponse r = client.transferLeader(TransferLeaderRequest.newBuilder()
          .setNodeId(to).setTimeoutMillis(serverTimeout).build());
      if (out.json()) {
        out.json(r);
      } else {
        out.line("leadership transferred to " + r.getNewLeaderId());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "remove-peer", description = "Remove a node from the Raft configuration.")
  static final class RemovePeer extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Node id to remove.")
    String id;

    @Override
    int run(SynodClient client, Output out) {
      RemovePeerResponse r = client.removePeer(RemovePeerRequest.newBuilder().setNodeId(id).build());
      if (out.json()) {
        out.json(r);
      } else {
        out.line("removed " + id + "; remaining peers:");
        out.table(peers(r.getPeersList()));
      }
      return ExitCodes.OK;
    }
  }
}
