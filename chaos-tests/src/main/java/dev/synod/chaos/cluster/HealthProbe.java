package dev.synod.chaos.cluster;

import static dev.synod.chaos.cluster.DockerCluster.API_PORT;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.synod.client.SynodClient;
import dev.synod.proto.v1.StatusResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Asks the nodes, through the Synod client, whether they serve and who leads; waits for either. */
final class HealthProbe {
  private final NodeTable nodes;
  private final NodeContainers containers;
  private final NodeFaults faults;
  private final NodeLogs logs;
  private final ClusterPki pki;
  private SynodClient probe;

  HealthProbe(NodeTable nodes, NodeContainers containers, NodeFaults faults, NodeLogs logs, ClusterPki pki) {
    this.nodes = nodes;
    this.containers = containers;
    this.faults = faults;
    this.logs = logs;
    this.pki = pki;
  }

  synchronized SynodClient client() {
    if (probe == null) {
      probe = pki.clientBuilder(nodes.addresses(API_PORT)).deadline(Duration.ofSeconds(2)).maxRetries(0).build();
    }
    return probe;
  }

  synchronized void close() {
    if (probe != null) {
      probe.close();
    }
  }

  Optional<StatusResponse> status(String node) {
    try {
      return Optional.of(client().status(nodes.info(node).ip + ":" + API_PORT));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, String> last = new LinkedHashMap<>();
    while (true) {
      last.clear();
      boolean all = true;
      for (String node : nodes.ids()) {
        InspectContainerResponse.ContainerState st = containers.state(node);
        if (!Boolean.TRUE.equals(st.getRunning())) {
          if (faults.stoppedOnPurpose(node)) {
            last.put(node, "stopped");
          } else {
            throw new ClusterException(node + " exited by itself with code " + st.getExitCodeLong()
                + "; last lines of its log:\n" + logs.tail(node, 30));
          }
          continue;
        }
        if (Boolean.TRUE.equals(st.getPaused())) {
          last.put(node, "paused");
          continue;
        }
        Optional<StatusResponse> s = status(node);
        boolean serving = s.map(StatusResponse::getServing).orElse(false);
        last.put(node, s.map(HealthProbe::describe).orElse("no answer"));
        all &= serving;
      }
      if (all) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterException("cluster not healthy within " + timeout + ": " + last + unhealthyLogs(last));
      }
      DockerCluster.sleep(Duration.ofMillis(250));
    }
  }

  /** The last lines of each node that answers but does not serve, so a failed run shows why. */
  private String unhealthyLogs(Map<String, String> last) {
    StringBuilder out = new StringBuilder();
    last.forEach((node, state) -> {
      if (state.contains("not serving")) {
        out.append("\nlast lines of ").append(node).append("'s log:\n").append(logs.tail(node, 40));
      }
    });
    return out.toString();
  }

  /** Role, term and whether it serves; for a node that does not, what it lacks: a leader, or applied entries. */
  static String describe(StatusResponse r) {
    String head = r.getRaftRole() + " term " + r.getTerm();
    if (r.getServing()) {
      return head + " serving";
    }
    String leader = r.getHeader().getLeaderId();
    return head + " not serving (leader " + (leader.isEmpty() ? "unknown" : leader) + ", commit "
        + r.getCommitIndex() + ", leader's commit " + r.getLeaderCommitIndex() + ", applied " + r.getAppliedIndex()
        + ")";
  }

  void awaitServing(String node, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!status(node).map(StatusResponse::getServing).orElse(false)) {
      if (System.nanoTime() > deadline) {
        throw new ClusterException(node + " not serving within " + timeout + "; status: "
            + status(node).map(Object::toString).orElse("no answer"));
      }
      DockerCluster.sleep(Duration.ofMillis(250));
    }
  }

  Optional<String> leader() {
    String best = null;
    long bestTerm = -1;
    // Fallback when no live node says it leads: the leader id most response headers name.
    Map<String, Integer> named = new LinkedHashMap<>();
    for (String node : containers.liveNodes()) {
      Optional<StatusResponse> s = status(node);
      if (s.isEmpty()) {
        continue;
      }
      StatusResponse r = s.get();
      if ("leader".equals(r.getRaftRole()) && r.getTerm() > bestTerm) {
        best = node;
        bestTerm = r.getTerm();
      }
      String hint = r.getHeader().getLeaderId();
      if (!hint.isEmpty()) {
        named.merge(hint, 1, Integer::sum);
      }
    }
    if (best != null) {
      return Optional.of(best);
    }
    return named.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
        .filter(nodes::contains);
  }

  String awaitLeader(Duration timeout) {
    return Polling.until(this::leader, timeout, Duration.ofMillis(250), "leader");
  }

}
