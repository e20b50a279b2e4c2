package dev.synod.consensus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;

/**
 * Membership changes as compare-and-set on the committed configuration: read the current voters and learners,
 * compute the wanted ones, and ask the leader to switch only if the configuration is still the one read. Races,
 * leader changes and in-progress changes are retried until the wanted configuration is committed or
 * {@code adminTimeout} passes. Runs on a caller-provided (blocking) thread.
 */
final class Reconfiguration {
  private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /** Voters and learners (Ratis listeners) of a configuration. */
  record Members(List<RaftPeer> voters, List<RaftPeer> learners) {
    Optional<RaftPeer> find(String id) {
      return voters.stream().filter(p -> p.getId().toString().equals(id)).findFirst()
          .or(() -> learners.stream().filter(p -> p.getId().toString().equals(id)).findFirst());
    }

    boolean isVoter(String id) {
      return voters.stream().anyMatch(p -> p.getId().toString().equals(id));
    }

    boolean isLearner(String id) {
      return learners.stream().anyMatch(p -> p.getId().toString().equals(id));
    }
  }

  private final RaftServer.Division division;
  private final LeaderClient client;
  private final ConsensusSettings settings;
  private final Supplier<Optional<String>> leaderHint;

  Reconfiguration(RaftServer.Division division, LeaderClient client, ConsensusSettings settings,
      Supplier<Optional<String>> leaderHint) {
    this.division = division;
    this.client = client;
    this.settings = settings;
    this.leaderHint = leaderHint;
  }

  void addLearner(PeerAddress peer) throws IOException {
    change("add learner " + peer.id(), m -> {
      if (m.isVoter(peer.id())) {
        throw new IllegalArgumentException("peer: " + peer.id() + " (expected: not already a voter)");
      }
      if (m.isLearner(peer.id())) {
        return Optional.empty();
      }
      List<RaftPeer> learners = new ArrayList<>(m.learners());
      learners.add(peer(peer.id(), peer.address(), RaftPeerRole.LISTENER));
      return Optional.of(new Members(m.voters(), learners));
    });
  }

  void promote(String id) throws IOException {
    change("promote " + id, m -> {
      if (m.isVoter(id)) {
        return Optional.empty();
      }
      RaftPeer learner = m.learners().stream().filter(p -> p.getId().toString().equals(id)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("id: " + id + " (expected: a learner of the group)"));
      List<RaftPeer> voters = new ArrayList<>(m.voters());
      voters.add(peer(id, learner.getAddress(), RaftPeerRole.FOLLOWER));
      List<RaftPeer> learners = new ArrayList<>(m.learners());
      learners.removeIf(p -> p.getId().toString().equals(id));
      return Optional.of(new Members(voters, learners));
    });
  }

  void remove(String id) throws IOException {
    change("remove " + id, m -> {
      if (m.find(id).isEmpty()) {
        return Optional.empty();
      }
      if (m.isVoter(id) && m.voters().size() == 1) {
        throw new IllegalArgumentException("id: " + id + " (expected: not the last voter of the group)");
      }
      List<RaftPeer> voters = new ArrayList<>(m.voters());
      voters.removeIf(p -> p.getId().toString().equals(id));
      List<RaftPeer> learners = new ArrayList<>(m.learners());
      learners.removeIf(p -> p.getId().toString().equals(id));
      return Optional.of(new Members(voters, learners));
    });
  }

  /** The current voters, stable and committed as seen by this node; empty while a change is in flight. */
  Optional<Members> committed() {
    RaftConfiguration conf = division.getRaftConf();
    boolean transitional = !conf.getPreviousPeers(RaftPeerRole.FOLLOWER).isEmpty()
        || !conf.getPreviousPeers(RaftPeerRole.LISTENER).isEmpty();
    if (transitional || conf.getLogEntryIndex() > division.getRaftLog().getLastCommittedIndex()) {
      return Optional.empty();
    }
    return Optional.of(new Members(List.copyOf(conf.getCurrentPeers(RaftPeerRole.FOLLOWER)),
        List.copyOf(conf.getCurrentPeers(RaftPeerRole.LISTENER))));
  }

  /** {@code plan} maps the current members to the wanted ones, or to empty when they are already as wanted. */
  private void change(String what, Function<Members, Optional<Members>> plan) throws IOException {
    long deadline = System.nanoTime() + settings.adminTimeout().toNanos();
    Throwable last = null;
    while (true) {
      Optional<Members> current = committed();
      if (current.isPresent()) {
        Optional<Members> wanted = plan.apply(current.get());
        if (wanted.isEmpty()) {
          return;
        }
        try {
          RaftClientReply reply = client.setConfiguration(SetConfigurationRequest.Arguments.newBuilder()
              .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
              .setServersInCurrentConf(current.get().voters())
              .setListenersInCurrentConf(current.get().learners())
              .setServersInNewConf(wanted.get().voters())
              .setListenersInNewConf(wanted.get().learners())
              .build());
          if (reply.isSuccess()) {
            return;
          }
          last = reply.getException();
        } catch (IOException | RuntimeException e) {
          last = e; // lost race, in-progress change, no leader, attempt timeout: look again
        }
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new NotLeaderOrUnavailableException(
            what + " not completed within adminTimeout " + settings.adminTimeout(), leaderHint.get(), last);
      }
      LockSupport.parkNanos(RETRY_NANOS);
    }
  }

  private static RaftPeer peer(String id, String address, RaftPeerRole role) {
    return RaftPeer.newBuilder().setId(id).setAddress(address).setStartupRole(role).build();
  }
}
