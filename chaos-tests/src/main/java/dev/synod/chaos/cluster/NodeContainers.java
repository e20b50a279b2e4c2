package dev.synod.chaos.cluster;

import static dev.synod.chaos.cluster.DockerCluster.CLUSTER_ID;
import static dev.synod.chaos.cluster.DockerCluster.DATA_DIR;
import static dev.synod.chaos.cluster.DockerCluster.FAKETIME_DIR;
import static dev.synod.chaos.cluster.DockerCluster.FAKETIME_FILE;
import static dev.synod.chaos.cluster.DockerCluster.GOSSIP_PORT;
import static dev.synod.chaos.cluster.DockerCluster.LABEL;
import static dev.synod.chaos.cluster.DockerCluster.OWNER_LABEL;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The node containers: how one is created from the cluster's settings, commands run in it, and its state. */
final class NodeContainers {
  private final DockerDaemon daemon;
  private final ClusterSpec spec;
  private final NodeTable nodes;
  private final ClusterPki pki;

  NodeContainers(DockerDaemon daemon, ClusterSpec spec, NodeTable nodes, ClusterPki pki) {
    this.daemon = daemon;
    this.spec = spec;
    this.nodes = nodes;
    this.pki = pki;
  }

  /** Creates the node's container, stopped, and returns its id. */
  String create(NodeSlot n) {
    List<String> args = new ArrayList<>(List.of(
        "--node-id", n.id, "--cluster-id", CLUSTER_ID, "--data-dir", DATA_DIR,
        "--bind-host", "0.0.0.0", "--advertise-host", n.ip,
        "--seeds", String.join(",", nodes.addresses(GOSSIP_PORT)),
        "--bootstrap-expect", String.valueOf(nodes.size()),
        "--min-quorum", String.valueOf(spec.minQuorum()),
        "--gossip-preset", "lan"));
    args.addAll(pki.agentArgs(n.id));
    args.addAll(spec.agentArgs());
    List<String> env = new ArrayList<>();
    // JVM flags go through the java launcher's JDK_JAVA_OPTIONS: the agent refuses to start when it sees the
    // launcher's own SYNOD_JAVA_OPTS ("unknown environment variable SYNOD_JAVA_OPTS").
    if (!spec.javaOpts().isBlank()) {
      env.add("JDK_JAVA_OPTIONS=" + spec.javaOpts());
    }
    Map<String, String> tmpfs = null;
    if (spec.faketime()) {
      env.add("LD_PRELOAD=" + DockerCluster.faketimeLibrary());
      env.add("FAKETIME_TIMESTAMP_FILE=" + FAKETIME_FILE);
      // The libfaketime README: without it a JVM usually hangs. Only the wall clock is faked; nanoTime is real.
      env.add("FAKETIME_DONT_FAKE_MONOTONIC=1");
      // Debian's libfaketime applies its "monotonic fix" to timed waits by default. Measured under it: `synod
      // --help` took 3 s instead of 0.4 s, Object.wait(1) returned at once, and 5 nodes formed no group in 60 s.
      env.add("FAKETIME_FORCE_MONOTONIC_FIX=0");
      if (spec.faketimeCacheSeconds() == 0) {
        env.add("FAKETIME_NO_CACHE=1");
      } else {
        env.add("FAKETIME_CACHE_DURATION=" + spec.faketimeCacheSeconds());
      }
      // The offset file lives on a tmpfs that only root (docker exec) writes. Until it exists, and again after
      // every restart (a fresh tmpfs), libfaketime reports the real time; verified that a running JVM picks the
      // file up once it appears and drops the offset when it disappears.
      tmpfs = Map.of(FAKETIME_DIR, "rw,mode=0755,size=64k");
    }
    spec.env().forEach((k, v) -> env.add(k + "=" + v));
    HostConfig host = HostConfig.newHostConfig()
        .withNetworkMode(spec.networkName())
        .withCapAdd(Capability.NET_ADMIN)
        .withBinds(new Bind(n.volume, new Volume(DATA_DIR)), pki.bind())
        .withTmpFs(tmpfs);
    return docker().createContainerCmd(spec.image())
        .withName(n.container)
        .withHostName(n.id)
        .withLabels(Map.of(LABEL, spec.name(), LABEL + ".node", n.id, OWNER_LABEL, ClusterNetwork.ownerPid()))
        .withEnv(env)
        .withCmd(args)
        .withIpv4Address(n.ip)
        .withAliases(n.id)
        .withHostConfig(host)
        .exec()
        .getId();
  }

  void start(NodeSlot n) {
    docker().startContainerCmd(n.containerId).exec();
  }

  ExecResult exec(String node, Duration timeout, String... command) {
    NodeSlot n = nodes.slot(node);
    ExecCreateCmdResponse created = docker().execCreateCmd(n.containerId).withUser("root")
        .withAttachStdout(true).withAttachStderr(true).withCmd(command).exec();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ResultCallback.Adapter<Frame> cb = docker().execStartCmd(created.getId())
        .exec(new ResultCallback.Adapter<Frame>() {
          @Override
          public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            switch (frame.getStreamType()) {
              case STDERR -> err.writeBytes(payload);
              default -> out.writeBytes(payload);
            }
          }
        })) {
      if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ClusterException("exec " + String.join(" ", command) + " on " + node + " did not finish within "
            + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted during exec on " + node, e);
    } catch (IOException e) {
      throw new ClusterException("exec on " + node + ": " + e, e);
    }
    // The exit code may lag the end of the output stream by a moment.
    Long code = null;
    for (int i = 0; i < 50 && code == null; i++) {
      code = docker().inspectExecCmd(created.getId()).exec().getExitCodeLong();
      if (code == null) {
        DockerCluster.sleep(Duration.ofMillis(20));
      }
    }
    return new ExecResult(code == null ? -1 : code.intValue(), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  InspectContainerResponse.ContainerState state(String node) {
    return docker().inspectContainerCmd(nodes.slot(node).containerId).exec().getState();
  }

  boolean isRunning(String node) {
    return Boolean.TRUE.equals(state(node).getRunning());
  }

  boolean isPaused(String node) {
    return Boolean.TRUE.equals(state(node).getPaused());
  }

  List<String> liveNodes() {
    return nodes.ids().stream().filter(n -> isRunning(n) && !isPaused(n)).toList();
  }

  void awaitState(String node, boolean running, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isRunning(node) != running) {
      if (System.nanoTime() > deadline) {
        throw new ClusterException(node + " did not " + (running ? "start" : "stop") + " within " + timeout);
      }
      DockerCluster.sleep(Duration.ofMillis(50));
    }
  }

  private DockerClient docker() {
    return daemon.client();
  }
}
