package dev.synod.consensus;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** Real Raft nodes over loopback gRPC, each with its own storage directory under a test's temp dir. */
final class TestCluster implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final String GROUP = "test-cluster";

  /** One member: fixed id, port and directory; its node and state machine change across restarts. */
  static final class Member {
    final PeerAddress address;
    final Path dir;
    RaftNode node;
    ListStateMachine sm;

    Member(PeerAddress address, Path dir) {
      this.address = address;
      this.dir = dir;
    }
  }

  private final Path root;
  private final Function<String, ConsensusSettings> settings; // by node id: each may carry its own identity
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final List<PeerAddress> initialPeers = new ArrayList<>();

  private TestCluster(Path root, Function<String, ConsensusSettings> settings) {
    this.root = root;
    this.settings = settings;
  }

  /** Starts {@code n} voters n1..nN that form one group. */
  static TestCluster start(Path root, int n, ConsensusSettings settings) throws IOException {
    return start(root, n, id -> settings);
  }

  /** Starts {@code n} voters n1..nN that form one group, each with the settings made for its id. */
  static TestCluster start(Path root, int n, Function<String, ConsensusSettings> settings) throws IOException {
    TestCluster c = new TestCluster(root, settings);
    for (int i = 1; i <= n; i++) {
      PeerAddress a = new PeerAddress("n" + i, "127.0.0.1:" + freePort());
      c.initialPeers.add(a);
      c.members.put(a.id(), new Member(a, root.resolve(a.id())));
    }
    try {
      for (String id : c.members.keySet()) {
        c.restart(id);
      }
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** Starts a new, empty member that waits to be added by the leader. */
  Member startJoiner(String id) throws IOException {
    PeerAddress a = new PeerAddress(id, "127.0.0.1:" + freePort());
    Member m = new Member(a, root.resolve(id));
    members.put(id, m);
    m.sm = new ListStateMachine();
    m.node = RaftNode.start(id, a.address(), GROUP, m.dir, List.of(), settings.apply(id), m.sm);
    return m;
  }

  /** (Re)starts a member with a fresh state machine over its existing storage. */
  RaftNode restart(String id) throws IOException {
    Member m = member(id);
    if (m.node != null) {
      throw new IllegalStateException(id + " is running");
    }
    m.sm = new ListStateMachine();
    m.node = RaftNode.start(id, m.address.address(), GROUP, m.dir, initialPeers, settings.apply(id), m.sm);
    return m.node;
  }

  /** Restarts a stopped member over its existing storage with no initial peers, as a removed node does to rejoin. */
  RaftNode recoverOutsideTheGroup(String id) throws IOException {
    Member m = member(id);
    if (m.node != null) {
      throw new IllegalStateException(id + " is running");
    }
    m.sm = new ListStateMachine();
    m.node = RaftNode.start(id, m.address.address(), GROUP, m.dir, List.of(), settings.apply(id), m.sm);
    return m.node;
  }

  void stop(String id) {
    Member m = member(id);
    if (m.node != null) {
      m.node.close();
      m.node = null;
    }
  }

  Member member(String id) {
    Member m = members.get(id);
    if (m == null) {
      throw new IllegalArgumentException("no member " + id);
    }
    return m;
  }

  RaftNode node(String id) {
    return member(id).node;
  }

  List<RaftNode> running() {
    return members.values().stream().filter(m -> m.node != null).map(m -> m.node).toList();
  }

  /** Waits until one running node leads and every running voter agrees on it. */
  RaftNode awaitLeader() {
    AtomicReference<RaftNode> leader = new AtomicReference<>();
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
      List<RaftNode> leaders = running().stream().filter(n -> n.status().role() == RaftRole.LEADER).toList();
      if (leaders.size() != 1) {
        return false;
      }
      String id = leaders.get(0).nodeId();
      boolean agreed = running().stream()
          .filter(n -> n.status().role() == RaftRole.FOLLOWER)
          .allMatch(n -> n.status().leaderId().equals(Optional.of(id)));
      leader.set(leaders.get(0));
      return agreed;
    });
    return leader.get();
  }

  /**
   * Three voters where n1 leads and, once cut off, notices only after its 20 s maximum election timeout, while the
   * others elect a new leader within about a second. (With one shared timeout range the two raced, and the old
   * leader sometimes noticed first.)
   */
  static TestCluster startWithN1LeadingAndSlowToNotice(Path root) throws Exception {
    ConsensusSettings quick = ConsensusSettings.lan().toBuilder()
        .electionTimeoutMin(Duration.ofMillis(500)).electionTimeoutMax(Duration.ofSeconds(1)).build();
    ConsensusSettings slowToNotice = quick.toBuilder().electionTimeoutMax(Duration.ofSeconds(20))
        .requestTimeout(Duration.ofSeconds(20)).readTimeout(Duration.ofSeconds(20)).build();
    TestCluster cluster = start(root, 3, id -> id.equals("n1") ? slowToNotice : quick);
    try {
      RaftNode first = cluster.awaitLeader();
      if (!first.nodeId().equals("n1")) {
        first.transferLeadership("n1", Duration.ofSeconds(20)).get(60, TimeUnit.SECONDS);
      }
      await().atMost(PATIENCE).until(() -> cluster.awaitLeader() == cluster.node("n1"));
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  /** A running voter that is not the leader. */
  RaftNode aFollower() {
    RaftNode leader = awaitLeader();
    return running().stream().filter(n -> n != leader && n.status().role() == RaftRole.FOLLOWER)
        .findFirst().orElseThrow();
  }

  @Override
  public void close() {
    for (Member m : members.values()) {
      if (m.node != null) {
        m.node.close();
        m.node = null;
      }
    }
  }

  static int freePort() {
    return dev.synod.security.testing.TestPorts.next();
  }
}
