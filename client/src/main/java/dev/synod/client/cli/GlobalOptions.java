package dev.synod.client.cli;

import dev.synod.client.SynodClient;
import dev.synod.proto.v1.ReadConsistency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options every client command accepts: where the cluster is, output format, deadline, staleness. */
final class GlobalOptions {
  @Option(names = "--endpoints", split = ",", paramLabel = "HOST:PORT",
      defaultValue = "${env:SYNOD_ENDPOINTS:-127.0.0.1:7400}",
      description = "Comma-separated node API addresses (default: $SYNOD_ENDPOINTS or ${DEFAULT-VALUE}).")
  List<String> endpoints = new ArrayList<>();

  @Option(names = "--cluster-id", paramLabel = "ID", defaultValue = ClusterIds.DEFAULT,
      description = ClusterIds.DESCRIPTION + " The servers must present certificates of this cluster.")
  String clusterId;

  @Option(names = "--json", description = "Print one JSON object per result (protobuf JSON mapping).")
  boolean json;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
      converter = DurationConverter.class,
      description = "Deadline per call attempt, e.g. 500ms, 5s, 1m (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--stale", description = "Answer reads from the serving node's local state (may lag).")
  boolean stale;

  List<String> endpointList() {
    List<String> out = new ArrayList<>();
    for (String e : endpoints) {
      out.add(e.trim());
    }
    return out;
  }

  ReadConsistency consistency() {
    return stale ? ReadConsistency.STALE : ReadConsistency.LINEARIZABLE;
  }

  /** A builder with endpoints and deadline set; transport security is {@link CredentialOptions}' part. */
  SynodClient.Builder builder(CommandSpec spec) {
    SynodClient.Builder builder = SynodClient.builder().deadline(timeout);
    try {
      builder.endpoints(endpointList());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--endpoints': " + e.getMessage());
    }
    return builder;
  }
}
