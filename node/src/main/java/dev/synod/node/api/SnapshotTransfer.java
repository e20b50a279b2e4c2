package dev.synod.node.api;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.ReadConsistency;
import dev.synod.proto.v1.RegistrySnapshot;
import dev.synod.proto.v1.RestoreSnapshot;
import dev.synod.proto.v1.SnapshotChunk;
import dev.synod.proto.v1.SnapshotHeader;
import dev.synod.proto.v1.SnapshotQuery;
import dev.synod.proto.v1.SnapshotRestoreResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Operator snapshots: save streams a linearizable copy of the registry with a SHA-256; restore checks the
 * checksum and cluster id, then replaces the registry through one Raft entry so every node agrees.
 */
public final class SnapshotTransfer {
  public static final String FORMAT = "synod.v1.RegistrySnapshot";
  static final int CHUNK_BYTES = 1 << 20;
  /** Restores travel as one Raft entry, which must stay under the Raft message size limit. */
  static final int MAX_SNAPSHOT_BYTES = 48 << 20;

  private final RegistryGateway gateway;
  private final String clusterId;

  public SnapshotTransfer(RegistryGateway gateway, String clusterId) {
    this.gateway = gateway;
    this.clusterId = clusterId;
  }

  void save(StreamObserver<SnapshotChunk> observer) {
    gateway.query(Query.newBuilder().setSnapshot(SnapshotQuery.getDefaultInstance()).build(),
        ReadConsistency.LINEARIZABLE).whenComplete((result, failure) -> {
          if (failure != null) {
            observer.onError(UnaryCalls.toStatusException(failure));
            return;
          }
          byte[] data = result.getSnapshot().toByteArray();
          MessageDigest sha = sha256();
          SnapshotHeader header = SnapshotHeader.newBuilder().setClusterId(clusterId)
              .setRevision(result.getSnapshot().getRevision()).setSizeBytes(data.length).setFormat(FORMAT).build();
          int offset = 0;
          do {
            int len = Math.min(CHUNK_BYTES, data.length - offset);
            sha.update(data, offset, len);
            SnapshotChunk.Builder chunk = SnapshotChunk.newBuilder().setData(ByteString.copyFrom(data, offset, len));
            if (offset == 0) {
              chunk.setHeader(header);
            }
            offset += len;
            if (offset >= data.length) {
              chunk.setSha256(HexFormat.of().formatHex(sha.digest()));
            }
            observer.onNext(chunk.build());
          } while (offset < data.length);
          observer.onCompleted();
        });
  }

  StreamObserver<SnapshotChunk> restore(StreamObserver<SnapshotRestoreResponse> observer) {
    return new StreamObserver<>() {
      private final ByteArrayOutputStream data = new ByteArrayOutputStream();
      private final MessageDigest sha = sha256();
      private SnapshotHeader header;
      private String checksum;
      private StatusRuntimeException failed;

      @Override
      public void onNext(SnapshotChunk chunk) {
        if (failed != null) {
          return;
        }
        if (header == null) {
          if (!chunk.hasHeader()) {
            failed = invalid("header: missing on the first chunk");
            return;
          }
          header = chunk.getHeader();
        }
        if (data.size() + chunk.getData().size() > MAX_SNAPSHOT_BYTES) {
          failed = invalid("data: more than " + MAX_SNAPSHOT_BYTES + " bytes (expected: <= " + MAX_SNAPSHOT_BYTES + ")");
          return;
        }
        data.writeBytes(chunk.getData().toByteArray());
        sha.update(chunk.getData().asReadOnlyByteBuffer());
        if (!chunk.getSha256().isEmpty()) {
          checksum = chunk.getSha256();
        }
      }

      @Override
      public void onError(Throwable t) {
        // The client went away; nothing was proposed, so nothing is half-restored.
      }

      @Override
      public void onCompleted() {
        try {
          RegistrySnapshot snapshot = verified();
          UnaryCalls.reply(gateway.propose(Command.newBuilder()
              .setRestore(RestoreSnapshot.newBuilder().setSnapshot(snapshot)).build()), observer,
              r -> SnapshotRestoreResponse.newBuilder().setHeader(gateway.header(r.getRevision()))
                  .setRestoredRevision(r.getRevision()).setKeys(r.getRestore().getKeys())
                  .setRegistrants(r.getRestore().getRegistrants()).build());
        } catch (StatusRuntimeException e) {
          observer.onError(e);
        }
      }

      private RegistrySnapshot verified() {
        if (failed != null) {
          throw failed;
        }
        if (header == null) {
          throw invalid("snapshot: no chunks received");
        }
        if (!FORMAT.equals(header.getFormat())) {
          throw invalid("header.format: '" + header.getFormat() + "' (expected: " + FORMAT + ")");
        }
        if (!clusterId.equals(header.getClusterId())) {
          throw invalid("header.cluster_id: '" + header.getClusterId() + "' (expected: this cluster '" + clusterId + "')");
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (checksum == null || !checksum.equalsIgnoreCase(actual)) {
          throw invalid("sha256: " + checksum + " does not match the received data " + actual + "; the snapshot is corrupt");
        }
        if (header.getSizeBytes() != data.size()) {
          throw invalid("header.size_bytes: " + header.getSizeBytes() + " (received " + data.size() + " bytes)");
        }
        try {
          return RegistrySnapshot.parseFrom(data.toByteArray());
        } catch (InvalidProtocolBufferException e) {
          throw invalid("data: does not parse as " + FORMAT + " (" + e.getMessage() + ")");
        }
      }
    };
  }

  private static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription("snapshot restore: " + message).asRuntimeException();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
