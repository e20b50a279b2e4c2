package dev.synod.client.cli;

import dev.synod.client.SynodClient;
import dev.synod.proto.v1.AutopilotServer;
import dev.synod.proto.v1.AutopilotStateResponse;
import picocli.CommandLine.Command;

/** {@code synod autopilot ...}: the leader's view of server health and failure tolerance. */
@Command(name = "autopilot", description = "Autopilot commands.",
    subcommands = AutopilotCommand.State.class)
final class AutopilotCommand extends GroupCommand {

  @Command(name = "state", description = "Show cluster health, failure tolerance and each server's state.")
  static final class State extends ClientCommand {
    @Override
    int run(SynodClient client, Output out) {
      AutopilotStateResponse r = client.autopilotState();
      if (out.json()) {
        out.json(r);
        return ExitCodes.OK;
      }
      out.line("healthy: " + r.getHealthy() + ", failure tolerance: " + r.getFailureTolerance());
      Table t = new Table("NODE", "ROLE", "HEALTHY", "MATCH", "GOSSIP", "STABLE_SINCE_MS");
      for (AutopilotServer s : r.getServersList()) {
        t.row(s.getNodeId(), s.getRaftRole(), s.getHealthy(), s.getMatchIndex(), s.getGossipStatus(),
            s.getStableSinceMillis());
      }
      out.table(t);
      return ExitCodes.OK;
    }
  }
}
