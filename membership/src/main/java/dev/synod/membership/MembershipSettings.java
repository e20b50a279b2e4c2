package dev.synod.membership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Typed, validated settings for {@link ScalecubeMembership}, with presets in the manner of
 * memberlist's {@code DefaultLANConfig} and {@code DefaultLocalConfig}.
 *
 * <p>Failure detection time is about one probe round plus {@code suspicionMult × ⌈log2(n+1)⌉ ×
 * pingInterval}, where n is the number of members including this one (scalecube's {@code
 * ClusterMath.suspicionTimeout}): the factor is 2 for 3 members and 3 for 4 to 7 members.
 */
public final class MembershipSettings {

  private static final Duration MAX_DURATION = Duration.ofHours(1);
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}[A-Za-z0-9]");

  private final Duration pingInterval;
  private final Duration pingTimeout;
  private final int pingReqMembers;
  private final int suspicionMult;
  private final Duration syncInterval;
  private final Duration syncTimeout;
  private final Duration gossipInterval;
  private final int gossipFanout;
  private final int gossipRepeatMult;
  private final Duration metadataTimeout;
  private final Duration joinTimeout;
  private final String bindHost;
  private final int port;
  private final List<String> seeds;
  private final String namespace;
  private final GossipTls tls;

  private MembershipSettings(Builder b) {
    pingInterval = b.pingInterval;
    pingTimeout = b.pingTimeout;
    pingReqMembers = b.pingReqMembers;
    suspicionMult = b.suspicionMult;
    syncInterval = b.syncInterval;
    syncTimeout = b.syncTimeout;
    gossipInterval = b.gossipInterval;
    gossipFanout = b.gossipFanout;
    gossipRepeatMult = b.gossipRepeatMult;
    metadataTimeout = b.metadataTimeout;
    joinTimeout = b.joinTimeout;
    bindHost = b.bindHost;
    port = b.port;
    seeds = List.copyOf(b.seeds);
    namespace = b.namespace;
    tls = b.tls;
  }

  /** A builder that starts from {@link #lan()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * scalecube's own LAN defaults, which are close to memberlist's {@code DefaultLANConfig}, except a
   * suspicion multiplier of 1 instead of 5 (see the builder's field).
   */
  public static MembershipSettings lan() {
    return new Builder().build();
  }

  /**
   * For several nodes on one machine over loopback (tests, the local cluster script): probes five
   * times faster than {@link #lan()}, but keeps enough suspicion time that a 2-core box busy with
   * builds and GC does not declare a live node dead. A crashed node is declared dead after about
   * 3.5 s among 3 members and 5 s among 4 to 7.
   */
  public static MembershipSettings local() {
    return new Builder()
        // Loopback round trips are microseconds, so probing 5x/s costs nothing.
        .pingInterval(Duration.ofMillis(200))
        // Generous for loopback (a GC pause or a busy core can delay an ack); a miss only
        // triggers indirect probes and a suspicion that the member can still refute.
        .pingTimeout(Duration.ofMillis(100))
        // Indirect probes through 2 others, in the remaining 100 ms of the round.
        .pingReqMembers(2)
        // 8 × 2 × 200 ms = 3.2 s to refute a suspicion at 3 members (4.8 s at 4-7): long enough
        // to ride out a multi-second stall on a box shared with builds (lan() gives 2 s and 3 s).
        .suspicionMult(8)
        // Full anti-entropy sync, and the retry period for unreachable seeds; cheap with <= 7 nodes.
        .syncInterval(Duration.ofSeconds(5))
        // The initial sync with the seeds waits this long; loopback answers in ms unless loaded.
        .syncTimeout(Duration.ofSeconds(2))
        // scalecube's local gossip period: joins, leaves and tag updates spread in a few 100 ms.
        .gossipInterval(Duration.ofMillis(100))
        // Every gossip goes to 3 members per period, i.e. to everyone in a small cluster.
        .gossipFanout(3)
        // Each gossip is repeated 3 × ⌈log2(n+1)⌉ periods; the leave takes that long (0.6 s at 3).
        .gossipRepeatMult(3)
        // A new member is only reported once its metadata is fetched; a failed fetch waits for
        // the next sync, so a busy box gets 2 s rather than scalecube's local 1 s.
        .metadataTimeout(Duration.ofSeconds(2))
        // Bounds start() (bind and the initial sync) and close() (leave gossip and shutdown).
        .joinTimeout(Duration.ofSeconds(5))
        // Loopback only: test traffic never leaves the machine.
        .bindHost("127.0.0.1")
        // Ephemeral: several nodes share the machine; local() reports the bound address.
        .port(0)
        .build();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public Duration pingInterval() {
    return pingInterval;
  }

  public Duration pingTimeout() {
    return pingTimeout;
  }

  public int pingReqMembers() {
    return pingReqMembers;
  }

  public int suspicionMult() {
    return suspicionMult;
  }

  public Duration syncInterval() {
    return syncInterval;
  }

  public Duration syncTimeout() {
    return syncTimeout;
  }

  public Duration gossipInterval() {
    return gossipInterval;
  }

  public int gossipFanout() {
    return gossipFanout;
  }

  public int gossipRepeatMult() {
    return gossipRepeatMult;
  }

  public Duration metadataTimeout() {
    return metadataTimeout;
  }

  public Duration joinTimeout() {
    return joinTimeout;
  }

  public String bindHost() {
    return bindHost;
  }

  public int port() {
    return port;
  }

  public List<String> seeds() {
    return seeds;
  }

  /** The cluster id to gossip under; empty means "the local member's cluster id". */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /** Mutual TLS for every gossip connection; empty means plaintext. */
  public Optional<GossipTls> tls() {
    return Optional.ofNullable(tls);
  }

  @Override
  public String toString() {
    return new StringJoiner(", ", "MembershipSettings[", "]")
        .add("pingInterval=" + pingInterval)
        .add("pingTimeout=" + pingTimeout)
        .add("pingReqMembers=" + pingReqMembers)
        .add("suspicionMult=" + suspicionMult)
        .add("syncInterval=" + syncInterval)
        .add("syncTimeout=" + syncTimeout)
        .add("gossipInterval=" + gossipInterval)
        .add("gossipFanout=" + gossipFanout)
        .add("gossipRepeatMult=" + gossipRepeatMult)
        .add("metadataTimeout=" + metadataTimeout)
        .add("joinTimeout=" + joinTimeout)
        .add("bindHost=" + bindHost)
        .add("port=" + port)
        .add("seeds=" + seeds)
        .add("namespace=" + namespace)
        .add("tls=" + tls)
        .toString();
  }

  /** Collects settings; {@link #build()} checks every field and their relations. */
  public static final class Builder {

    // Each default is scalecube 2.7's LAN default (FailureDetectorConfig, MembershipConfig,
    // GossipConfig, ClusterConfig) unless noted.
    /** One probe per second, like memberlist's ProbeInterval. */
    private Duration pingInterval = Duration.ofSeconds(1);
    /** Half the round for the direct ack, the other half for indirect probes. */
    private Duration pingTimeout = Duration.ofMillis(500);
    /** Indirect probes through 3 members, like memberlist's IndirectChecks. */
    private int pingReqMembers = 3;
    /**
     * Ours (scalecube: 5): 1 × ⌈log2(n+1)⌉ × 1 s, i.e. 2 s at 3 members, 3 s at 4-7, 4 s at 8-15, about
     * memberlist's minimum suspicion timeout (4 × log10(n) × 1 s), which serf reaches once two other members
     * confirm. scalecube's 5 meant 20 s at 8 members against serf's 6 s. Gossip death alone removes nobody from
     * Raft (autopilot also wants Raft silence), and 8 members under CPU contention raised no suspicion in 30 s
     * (docs/benchmarks.md, P5).
     */
    private int suspicionMult = 1;
    /** Anti-entropy sync and seed retry every 30 s, like memberlist's PushPullInterval. */
    private Duration syncInterval = Duration.ofSeconds(30);
    /** How long the initial sync with the seeds waits for answers. */
    private Duration syncTimeout = Duration.ofSeconds(3);
    /** Gossip period of 200 ms, like memberlist's GossipInterval. */
    private Duration gossipInterval = Duration.ofMillis(200);
    /** 3 members per gossip period, like memberlist's GossipNodes. */
    private int gossipFanout = 3;
    /** Repeat each gossip for 3 × ⌈log2(n+1)⌉ periods (memberlist's RetransmitMult is 4). */
    private int gossipRepeatMult = 3;
    /** A new member's metadata must arrive within 3 s, or it waits for the next sync. */
    private Duration metadataTimeout = Duration.ofSeconds(3);
    /** Ours: bounds start() and close(); must exceed syncTimeout. */
    private Duration joinTimeout = Duration.ofSeconds(10);
    /** Ours: every interface; the advertised address is then the host's primary address. */
    private String bindHost = "0.0.0.0";
    /** Ours: memberlist's and serf's well-known port. */
    private int port = 7946;
    /** No seeds: this node starts a new cluster. */
    private List<String> seeds = List.of();
    /** Unset: take the cluster id from the local member. */
    private String namespace;
    /** Ours: plaintext, as scalecube's own transport; deployments set it. */
    private GossipTls tls;

    private Builder() {}

    private Builder(MembershipSettings s) {
      pingInterval = s.pingInterval;
      pingTimeout = s.pingTimeout;
      pingReqMembers = s.pingReqMembers;
      suspicionMult = s.suspicionMult;
      syncInterval = s.syncInterval;
      syncTimeout = s.syncTimeout;
      gossipInterval = s.gossipInterval;
      gossipFanout = s.gossipFanout;
      gossipRepeatMult = s.gossipRepeatMult;
      metadataTimeout = s.metadataTimeout;
      joinTimeout = s.joinTimeout;
      bindHost = s.bindHost;
      port = s.port;
      seeds = s.seeds;
      namespace = s.namespace;
      tls = s.tls;
    }

    public Builder pingInterval(Duration v) {
      pingInterval = Objects.requireNonNull(v, "pingInterval");
      return this;
    }

    public Builder pingTimeout(Duration v) {
      pingTimeout = Objects.requireNonNull(v, "pingTimeout");
      return this;
    }

    public Builder pingReqMembers(int v) {
      pingReqMembers = v;
      return this;
    }

    public Builder suspicionMult(int v) {
      suspicionMult = v;
      return this;
    }

    public Builder syncInterval(Duration v) {
      syncInterval = Objects.requireNonNull(v, "syncInterval");
      return this;
    }

    public Builder syncTimeout(Duration v) {
      syncTimeout = Objects.requireNonNull(v, "syncTimeout");
      return this;
    }

    public Builder gossipInterval(Duration v) {
      gossipInterval = Objects.requireNonNull(v, "gossipInterval");
      return this;
    }

    public Builder gossipFanout(int v) {
      gossipFanout = v;
      return this;
    }

    public Builder gossipRepeatMult(int v) {
      gossipRepeatMult = v;
      return this;
    }

    public Builder metadataTimeout(Duration v) {
      metadataTimeout = Objects.requireNonNull(v, "metadataTimeout");
      return this;
    }

    public Builder joinTimeout(Duration v) {
      joinTimeout = Objects.requireNonNull(v, "joinTimeout");
      return this;
    }

    public Builder bindHost(String v) {
      bindHost = Objects.requireNonNull(v, "bindHost");
      return this;
    }

    /** The gossip port; 0 picks a free one. */
    public Builder port(int v) {
      port = v;
      return this;
    }

    /** Addresses ({@code host:port}) of members to join through; addresses of this node are skipped. */
    public Builder seeds(List<String> v) {
      Objects.requireNonNull(v, "seeds");
      seeds = new ArrayList<>(v); // nulls are reported by build()
      return this;
    }

    public Builder seeds(String... v) {
      return seeds(java.util.Arrays.asList(v));
    }

    /** The cluster id; members of another cluster id never see each other. */
    public Builder namespace(String v) {
      namespace = Objects.requireNonNull(v, "namespace");
      return this;
    }

    /**
     * Mutual TLS on every gossip connection, accepted and opened: a peer without a certificate
     * the trust manager accepts can neither join nor send a single message. Null (the default)
     * means plaintext.
     */
    public Builder tls(GossipTls v) {
      tls = v;
      return this;
    }

    /**
     * Checks every field and returns the settings.
     *
     * @throws IllegalArgumentException naming each bad field, its value and the limit
     */
    public MembershipSettings build() {
      List<String> errors = new ArrayList<>();
      duration(errors, "pingInterval", pingInterval);
      duration(errors, "pingTimeout", pingTimeout);
      duration(errors, "syncInterval", syncInterval);
      duration(errors, "syncTimeout", syncTimeout);
      duration(errors, "gossipInterval", gossipInterval);
      duration(errors, "metadataTimeout", metadataTimeout);
      duration(errors, "joinTimeout", joinTimeout);
      less(errors, "pingTimeout", pingTimeout, "pingInterval", pingInterval);
      less(errors, "syncTimeout", syncTimeout, "syncInterval", syncInterval);
      if (joinTimeout.compareTo(syncTimeout) <= 0) {
        errors.add("joinTimeout: " + joinTimeout + " (expected: > syncTimeout " + syncTimeout + ")");
      }
      atLeast(errors, "pingReqMembers", pingReqMembers, 0);
      atLeast(errors, "suspicionMult", suspicionMult, 1);
      atLeast(errors, "gossipFanout", gossipFanout, 1);
      atLeast(errors, "gossipRepeatMult", gossipRepeatMult, 1);
      String bracketed = bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
      if (bindHost.isBlank() || HostPort.problem(bracketed + ":1", 1) != null) {
        errors.add("bindHost: " + HostPort.quote(bindHost) + " (expected: a host name or IP address)");
      }
      if (port < 0 || port > 65535) {
        errors.add("port: " + port + " (expected: 0-65535, 0 = any free port)");
      }
      for (int i = 0; i < seeds.size(); i++) {
        String problem = HostPort.problem(seeds.get(i), 1);
        if (problem != null) {
          errors.add("seeds[" + i + "]: " + HostPort.quote(seeds.get(i)) + " (expected: " + problem + ")");
        }
      }
      if (namespace != null && !NAMESPACE.matcher(namespace).matches()) {
        errors.add("namespace: " + HostPort.quote(namespace)
            + " (expected: a cluster id of 2-64 characters of [A-Za-z0-9_.-], starting and ending with a letter or digit)");
      }
      if (!errors.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", errors));
      }
      return new MembershipSettings(this);
    }

    private static void duration(List<String> errors, String name, Duration value) {
      if (value.compareTo(Duration.ofMillis(1)) < 0) {
        errors.add(name + ": " + value + " (expected: >= 1ms)");
      } else if (value.compareTo(MAX_DURATION) > 0) {
        errors.add(name + ": " + value + " (expected: <= " + MAX_DURATION + ")");
      }
    }

    private static void less(List<String> errors, String name, Duration value, String boundName, Duration bound) {
      if (value.compareTo(bound) >= 0) {
        errors.add(name + ": " + value + " (expected: < " + boundName + " " + bound + ")");
      }
    }

    private static void atLeast(List<String> errors, String name, int value, int min) {
      if (value < min) {
        errors.add(name + ": " + value + " (expected: >= " + min + ")");
      }
    }
  }
}
