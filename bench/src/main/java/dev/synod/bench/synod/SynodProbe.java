package dev.synod.bench.synod;

import com.google.protobuf.ByteString;
import dev.synod.client.SynodClient;
import dev.synod.client.SynodException;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.ReadConsistency;
import dev.synod.proto.v1.StatusResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks one member at a time for its status through the SDK, over the transport the benchmark uses.
 * Calls fail fast: no retries (the caller polls), and a deadline for a member that hangs.
 */
final class SynodProbe implements AutoCloseable {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
  private static final ByteString PROBE_KEY = ByteString.copyFromUtf8("synod-bench/probe");

  private final SynodSettings settings;
  private final SynodClient client;

  SynodProbe(SynodSettings settings, SynodClient.Builder builder) {
    this.settings = settings;
    this.client = builder.deadline(CALL_TIMEOUT).maxRetries(0).build();
  }

  /** What one member answered: its raft role, the leader it follows (empty for none), whether it serves; or why it did not answer. */
  record Report(int member, String nodeId, String raftRole, String leaderId, boolean serving, long term, String failure) {
    boolean answered() {
      return failure == null;
    }

    @Override
    public String toString() {
      return SynodSettings.memberName(member) + ": " + (answered()
          ? raftRole + ", leader " + (leaderId.isEmpty() ? "none" : leaderId) + ", term " + term
              + (serving ? ", serving" : ", not serving")
          : failure);
    }
  }

  Report status(int member) {
    try {
      StatusResponse s = client.status(settings.apiEndpoint(member));
      return new Report(member, s.getNodeId(), s.getRaftRole(), s.getHeader().getLeaderId(), s.getServing(),
          s.getTerm(), null);
    } catch (SynodException e) {
      return new Report(member, "", "", "", false, 0, "no answer: " + e.getMessage());
    }
  }

  /** Empty when a linearizable read through any member succeeds; else why it failed. */
  Optional<String> linearizableReadFailure() {
    try {
      client.get(GetRequest.newBuilder().setKey(PROBE_KEY).setConsistency(ReadConsistency.LINEARIZABLE).build());
      return Optional.empty();
    } catch (SynodException e) {
      return Optional.of("linearizable read failed: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
