package dev.synod.client.cli;

import dev.synod.client.SynodClient;
import dev.synod.proto.v1.Member;
import dev.synod.proto.v1.MembersResponse;
import picocli.CommandLine.Command;

/** {@code synod members}: gossip members with their roles and health. */
@Command(name = "members", description = "List cluster members with their gossip status and Raft role.")
final class MembersCommand extends ClientCommand {
  @Override
  int run(SynodClient client, Output out) {
    MembersResponse r = client.members();
    if (out.json()) {
      out.json(r);
      return ExitCodes.OK;
    }
    Table t = new Table("NODE", "API", "RAFT", "GOSSIP", "STATUS", "ROLE", "LEADER", "VERSION");
    for (Member m : r.getMembersList()) {
      boolean leader = !m.getNodeId().isEmpty() && m.getNodeId().equals(r.getHeader().getLeaderId());
      t.row(m.getNodeId(), m.getApiAddress(), m.getRaftAddress(), m.getGossipAddress(), m.getStatus(),
          m.getRaftRole(), leader ? "*" : "", m.getVersion());
    }
    out.table(t);
    return ExitCodes.OK;
  }
}
