package dev.synod.client.cli;

import dev.synod.client.SynodClient;
import dev.synod.client.SynodException;
import dev.synod.proto.v1.StatusResponse;
import picocli.CommandLine.Command;

/** {@code synod status}: asks every given endpoint for its own status. */
@Command(name = "status", description = "Show each endpoint's node id, Raft role, term and indexes (its own commit"
    + " index, and the leader's as last reported to it)."
    + " Exits 3 if any endpoint did not answer.")
final class StatusCommand extends ClientCommand {
  @Override
  int run(SynodClient client, Output out) {
    Table t = new Table("ENDPOINT", "NODE", "ROLE", "TERM", "COMMIT", "LEADER_COMMIT", "APPLIED", "SERVING", "VERSION",
        "ERROR");
    int failed = 0;
    for (String endpoint : client.endpoints()) {
      try {
        StatusResponse s = client.status(endpoint);
        if (out.json()) {
          out.json(s);
        }
        t.row(endpoint, s.getNodeId(), s.getRaftRole(), s.getTerm(), s.getCommitIndex(),
            s.getLeaderCommitIndex() < 0 ? "-" : s.getLeaderCommitIndex(), s.getAppliedIndex(), s.getServing(),
            s.getVersion(), "");
      } catch (SynodException e) {
        failed++;
        if (out.json()) {
          spec.commandLine().getErr().println("error: " + endpoint + ": " + e.getMessage());
        }
        t.row(endpoint, "", "", "", "", "", "", "", "", e.getMessage());
      }
    }
    if (!out.json()) {
      out.table(t);
    }
    return failed == 0 ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
  }
}
