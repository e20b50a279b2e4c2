package dev.synod.chaos.cluster;

import static dev.synod.chaos.cluster.DockerCluster.LABEL;
import static dev.synod.chaos.cluster.DockerCluster.OWNER_LABEL;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's bridge network and data volumes: creating them, removing them, and removing what a crashed
 * earlier run left on the same name or subnet.
 */
final class ClusterNetwork {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNetwork.class);

  private final DockerDaemon daemon;
  private final ClusterSpec spec;
  private final NodeTable nodes;
  private volatile String networkId;

  ClusterNetwork(DockerDaemon daemon, ClusterSpec spec, NodeTable nodes) {
    this.daemon = daemon;
    this.spec = spec;
    this.nodes = nodes;
  }

  void createNetwork(String gatewayIp) {
    Network.Ipam ipam = new Network.Ipam().withConfig(
        new Network.Ipam.Config().withSubnet(spec.subnet()).withGateway(gatewayIp));
    try {
      networkId = docker().createNetworkCmd().withName(spec.networkName()).withDriver("bridge").withIpam(ipam)
          .withCheckDuplicate(true).withLabels(labels()).exec().getId();
    } catch (RuntimeException e) {
      throw new ClusterException("cannot create network " + spec.networkName() + " with subnet " + spec.subnet()
          + ": " + e.getMessage() + " (another network may use this subnet: docker network ls)", e);
    }
  }

  void createVolume(NodeSlot n) {
    docker().createVolumeCmd().withName(n.volume).withLabels(labels()).exec();
  }

  /** Labels of every resource this cluster creates: its name and this JVM's pid. */
  Map<String, String> labels() {
    return Map.of(LABEL, spec.name(), OWNER_LABEL, ownerPid());
  }

  static String ownerPid() {
    return String.valueOf(ProcessHandle.current().pid());
  }

  /** Removes the network (if created) and every node's volume; containers must be gone first. */
  void removeNetworkAndVolumes() {
    if (networkId != null) {
      removeNetwork(networkId);
    }
    for (NodeSlot n : nodes.all()) {
      removeVolume(n.volume);
    }
  }

  /**
   * Removes what an earlier run left behind (a JVM killed before its shutdown hook ran): the containers, network
   * and volumes of a chaos cluster with this name or on this subnet, provided the process that created it (label
   * {@link DockerCluster#OWNER_LABEL}) is this one or is gone. A cluster of another live process is left alone,
   * and then the name or subnet clash fails with a clear message.
   */
  void removeLeftovers() {
    Set<String> names = new TreeSet<>();
    List<Network> stale = new ArrayList<>();
    for (Network net : docker().listNetworksCmd().withFilter("label", List.of(LABEL)).exec()) {
      Map<String, String> labels = net.getLabels() == null ? Map.of() : net.getLabels();
      String owner = labels.get(LABEL);
      boolean sameSubnet = net.getIpam() != null && net.getIpam().getConfig() != null
          && net.getIpam().getConfig().stream().anyMatch(c -> spec.subnet().equals(c.getSubnet()));
      if (!spec.name().equals(owner) && !sameSubnet) {
        continue;
      }
      long pid = parsePid(labels.get(OWNER_LABEL));
      if (ownedByOtherLiveProcess(pid)) {
        throw new ClusterException("network " + net.getName() + " (cluster " + owner + ", subnet " + spec.subnet()
            + ") belongs to the running process " + pid + "; give this cluster another name(...) and subnet(...)");
      }
      stale.add(net);
      if (owner != null) {
        names.add(owner);
      }
    }
    names.add(spec.name());
    for (String name : names) {
      for (Container c : docker().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LABEL, name))
          .exec()) {
        long pid = parsePid(c.getLabels() == null ? null : c.getLabels().get(OWNER_LABEL));
        if (ownedByOtherLiveProcess(pid)) {
          throw new ClusterException("container " + List.of(c.getNames()) + " of cluster " + name
              + " belongs to the running process " + pid + "; give this cluster another name(...)");
        }
        LOG.warn("removing leftover container {} of an earlier run", List.of(c.getNames()));
        removeContainer(c.getId());
      }
    }
    for (Network net : stale) {
      LOG.warn("removing leftover network {}", net.getName());
      removeNetwork(net.getId());
    }
    for (String name : names) {
      var volumes = docker().listVolumesCmd().withFilter("label", List.of(LABEL + "=" + name)).exec().getVolumes();
      if (volumes != null) {
        for (var v : volumes) {
          removeVolume(v.getName());
        }
      }
    }
    for (NodeSlot n : nodes.all()) {
      removeVolume(n.volume);
    }
  }

  private static boolean ownedByOtherLiveProcess(long pid) {
    return pid > 0 && pid != ProcessHandle.current().pid()
        && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static long parsePid(String label) {
    try {
      return label == null ? -1 : Long.parseLong(label.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  // Removal tolerates what is already gone and only logs other failures: cleanup must go on.

  void removeContainer(String id) {
    try {
      docker().removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec();
    } catch (NotFoundException ignored) {
      // gone already
    } catch (RuntimeException e) {
      LOG.warn("cannot remove container {}: {}", id, e.toString());
    }
  }

  void removeNetwork(String id) {
    try {
      docker().removeNetworkCmd(id).exec();
    } catch (NotFoundException ignored) {
      // gone already
    } catch (RuntimeException e) {
      LOG.warn("cannot remove network {}: {}", id, e.toString());
    }
  }

  void removeVolume(String name) {
    try {
      docker().removeVolumeCmd(name).exec();
    } catch (NotFoundException ignored) {
      // gone already
    } catch (RuntimeException e) {
      LOG.warn("cannot remove volume {}: {}", name, e.toString());
    }
  }

  private DockerClient docker() {
    return daemon.client();
  }
}
