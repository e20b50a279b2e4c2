package dev.synod.chaos.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The settings of one cluster, copied from its {@link DockerCluster.Builder} when it is built. */
record ClusterSpec(
    String image,
    int nodes,
    String subnet,
    String name,
    String javaOpts,
    boolean faketime,
    int faketimeCacheSeconds,
    int minQuorum,
    List<String> agentArgs,
    Map<String, String> env) {

  ClusterSpec {
    agentArgs = List.copyOf(agentArgs);
    // Keeps insertion order: the variables reach the container in the order they were set.
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  String networkName() {
    return name + "-net";
  }
}
