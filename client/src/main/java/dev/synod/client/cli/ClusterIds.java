package dev.synod.client.cli;

import dev.synod.security.identity.SpiffeId;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --cluster-id} option's shared default and check; commands declare the option themselves. */
final class ClusterIds {
  static final String DEFAULT = "${env:SYNOD_CLUSTER_ID:-synod}";
  static final String DESCRIPTION = "Cluster id, as in spiffe://<cluster>/... (default: $SYNOD_CLUSTER_ID or synod).";

  private ClusterIds() {}

  /** The id if it is a valid SPIFFE path segment; otherwise a usage error naming the flag and rule. */
  static String validate(CommandSpec spec, String clusterId) {
    try {
      return SpiffeId.requireValidSegment("--cluster-id", clusterId);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
