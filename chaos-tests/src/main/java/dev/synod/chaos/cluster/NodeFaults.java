package dev.synod.chaos.cluster;

import static dev.synod.chaos.cluster.DockerCluster.FAKETIME_FILE;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotModifiedException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Faults on one node (kill, restart, pause, wipe, clock offset) and healing them all; remembers who is down. */
final class NodeFaults {
  private static final Logger LOG = LoggerFactory.getLogger(NodeFaults.class);
  private static final Pattern OFFSET = Pattern.compile("[+-]\\d{1,9}(s|m|h|d)?");

  private final DockerDaemon daemon;
  private final ClusterSpec spec;
  private final NodeTable nodes;
  private final NodeContainers containers;
  private final ClusterNetwork network;
  /** Nodes stopped on purpose ({@link #kill}, {@link #wipe}); any other stopped node is a crash. */
  private final Set<String> down = ConcurrentHashMap.newKeySet();

  NodeFaults(DockerDaemon daemon, ClusterSpec spec, NodeTable nodes, NodeContainers containers,
      ClusterNetwork network) {
    this.daemon = daemon;
    this.spec = spec;
    this.nodes = nodes;
    this.containers = containers;
    this.network = network;
  }

  Set<String> stoppedNodes() {
    return Set.copyOf(down);
  }

  boolean stoppedOnPurpose(String node) {
    return down.contains(node);
  }

  void kill(String node) {
    NodeSlot n = nodes.slot(node);
    if (containers.isPaused(node)) {
      unpause(node); // a frozen container cannot be killed
    }
    try {
      down.add(node);
      docker().killContainerCmd(n.containerId).withSignal("SIGKILL").exec();
    } catch (ConflictException e) {
      // not running
    }
    containers.awaitState(node, false, Duration.ofSeconds(30));
  }

  void restart(String node) {
    NodeSlot n = nodes.slot(node);
    try {
      docker().startContainerCmd(n.containerId).exec();
    } catch (NotModifiedException e) {
      // already running
    }
    containers.awaitState(node, true, Duration.ofSeconds(30));
    down.remove(node);
  }

  void pause(String node) {
    try {
      docker().pauseContainerCmd(nodes.slot(node).containerId).exec();
    } catch (ConflictException e) {
      if (!containers.isPaused(node)) {
        throw e;
      }
    }
  }

  void unpause(String node) {
    try {
      docker().unpauseContainerCmd(nodes.slot(node).containerId).exec();
    } catch (ConflictException e) {
      if (containers.isPaused(node)) {
        throw e;
      }
    }
  }

  void wipe(String node) {
    NodeSlot n = nodes.slot(node);
    down.add(node);
    network.removeContainer(n.containerId);
    network.removeVolume(n.volume);
    network.createVolume(n);
    n.containerId = containers.create(n);
    LOG.info("{}: data wiped; container recreated (stopped)", node);
  }

  void setClockOffset(String node, String offset) {
    if (!spec.faketime()) {
      throw new IllegalStateException("clock faults need a cluster built with faketime(true)");
    }
    if (!OFFSET.matcher(offset).matches()) {
      throw new IllegalArgumentException("offset: " + offset + " (expected: +N or -N with an optional s|m|h|d)");
    }
    // libfaketime reads plain seconds or m/h/d multipliers; "30s" is the same as "30".
    String value = offset.endsWith("s") ? offset.substring(0, offset.length() - 1) : offset;
    // Written to a temporary file and renamed so that libfaketime never reads half a line.
    containers.exec(node, Duration.ofSeconds(60), "sh", "-c", "echo '" + value + "' > " + FAKETIME_FILE
        + ".tmp && mv " + FAKETIME_FILE + ".tmp " + FAKETIME_FILE).orThrow("writing the clock offset of " + node);
  }

  /** See {@link DockerCluster#healAll()}: logs failures and returns how many steps failed. */
  int healAll() {
    int failures = 0;
    for (String node : nodes.ids()) {
      try {
        if (containers.isPaused(node)) {
          unpause(node);
        }
        if (!containers.isRunning(node)) {
          restart(node);
        }
      } catch (RuntimeException e) {
        failures++;
        LOG.warn("heal: cannot bring {} back: {}", node, e.toString());
      }
    }
    for (String node : nodes.ids()) {
      try {
        if (containers.isRunning(node) && !containers.isPaused(node)) {
          containers.exec(node, Duration.ofSeconds(60), "iptables", "-w", "-F").orThrow("iptables -F on " + node);
          if (spec.faketime()) {
            setClockOffset(node, "+0");
          }
        }
      } catch (RuntimeException e) {
        failures++;
        LOG.warn("heal: cannot reset network or clock of {}: {}", node, e.toString());
      }
    }
    return failures;
  }

  private DockerClient docker() {
    return daemon.client();
  }
}
