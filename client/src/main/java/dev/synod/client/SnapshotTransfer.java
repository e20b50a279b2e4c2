package dev.synod.client;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.ClusterGrpc;
import dev.synod.proto.v1.SnapshotChunk;
import dev.synod.proto.v1.SnapshotHeader;
import dev.synod.proto.v1.SnapshotRestoreResponse;
import dev.synod.proto.v1.SnapshotSaveRequest;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Streams snapshots between a node and a {@link SnapshotFile}. Neither direction is retried: a
 * save has already written part of the caller's stream, and a restore is not idempotent.
 */
final class SnapshotTransfer {
  private final ChannelPool pool;
  private final Duration deadline;

  SnapshotTransfer(ChannelPool pool, Duration deadline) {
    this.pool = pool;
    this.deadline = deadline;
  }

  private CallOptions options() {
    return CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
  }

  SnapshotHeader save(OutputStream out) {
    String target = pool.pick(CallPolicy.WRITE, null);
    Context.CancellableContext context = Context.current().withCancellation();
    Context previous = context.attach();
    try {
      Iterator<SnapshotChunk> chunks = ClientCalls.blockingServerStreamingCall(pool.channel(target),
          ClusterGrpc.getSnapshotSaveMethod(), options(), SnapshotSaveRequest.getDefaultInstance());
      SnapshotFile.Writer writer = null;
      SnapshotHeader header = null;
      String sent = null;
      while (chunks.hasNext()) {
        SnapshotChunk chunk = chunks.next();
        if (writer == null) {
          if (!chunk.hasHeader()) {
            throw SnapshotFile.corrupt("snapshot stream: the first chunk carries no header");
          }
          header = chunk.getHeader();
          writer = new SnapshotFile.Writer(out, header);
        } else if (chunk.hasHeader()) {
          throw SnapshotFile.corrupt("snapshot stream: header repeated on a later chunk");
        }
        if (sent != null) {
          throw SnapshotFile.corrupt("snapshot stream: data after the chunk carrying sha256");
        }
        writer.data(chunk.getData());
        if (!chunk.getSha256().isEmpty()) {
          sent = chunk.getSha256();
        }
      }
      if (writer == null) {
        throw SnapshotFile.corrupt("snapshot stream: ended without a header");
      }
      if (sent == null) {
        throw SnapshotFile.corrupt("snapshot stream: no sha256 on the last chunk");
      }
      byte[] computed = writer.dataSha256();
      if (!SnapshotFile.hex(computed).equalsIgnoreCase(sent)) {
        throw SnapshotFile.corrupt("snapshot stream: sha256 checksum mismatch: server sent " + sent
            + ", received data hashes to " + SnapshotFile.hex(computed));
      }
      if (header.getSizeBytes() > 0 && header.getSizeBytes() != writer.dataBytes()) {
        throw SnapshotFile.corrupt("snapshot stream: received " + writer.dataBytes()
            + " bytes (expected: size_bytes " + header.getSizeBytes() + ")");
      }
      writer.finish(computed);
      return header.toBuilder().setSizeBytes(writer.dataBytes()).build();
    } catch (StatusRuntimeException e) {
      throw SynodException.of(e.getStatus(), 1, target);
    } catch (IOException e) {
      throw new UncheckedIOException("snapshot save: writing the output failed: " + e.getMessage(), e);
    } finally {
      context.detach(previous);
      context.cancel(null);
    }
  }

  /** Saves to {@code file} atomically: a temporary sibling is renamed only after verification. */
  SnapshotHeader save(Path file) {
    Path tmp = file.resolveSibling(file.getFileName() + ".partial");
    try {
      SnapshotHeader header;
      try (OutputStream out = Files.newOutputStream(tmp)) {
        header = save(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return header;
    } catch (IOException e) {
      throw new UncheckedIOException("snapshot save: " + file + ": " + e, e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  /** Verifies the file's checksum in one pass, then streams it in a second. */
  SnapshotRestoreResponse restore(Path file) {
    try {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
        SnapshotFile.verify(in);
      }
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
        return send(new SnapshotFile.Reader(in));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("snapshot restore: reading " + file + " failed: " + e, e);
    }
  }

  /** Spools the stream to a temporary file so it can be verified before anything is sent. */
  SnapshotRestoreResponse restore(InputStream in) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile("synod-restore-", ".snapshot");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      return restore(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("snapshot restore: spooling the input failed: " + e, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  private SnapshotRestoreResponse send(SnapshotFile.Reader reader) throws IOException {
    String target = pool.pick(CallPolicy.WRITE, null);
    ClientCall<SnapshotChunk, SnapshotRestoreResponse> call =
        pool.channel(target).newCall(ClusterGrpc.getSnapshotRestoreMethod(), options());
    Upload upload = new Upload(target);
    call.start(upload, new Metadata());
    call.request(2);
    try {
      MessageDigest digest = SnapshotFile.sha256();
      SnapshotChunk.Builder pending = SnapshotChunk.newBuilder().setHeader(reader.header());
      boolean pendingHasData = false;
      for (byte[] frame; (frame = reader.nextFrame()) != null; ) {
        digest.update(frame);
        if (pendingHasData) {
          upload.send(call, pending.build());
          pending = SnapshotChunk.newBuilder();
        }
        pending.setData(ByteString.copyFrom(frame));
        pendingHasData = true;
      }
      byte[] computed = digest.digest();
      if (!Arrays.equals(computed, reader.dataSha256())) {
        throw SnapshotFile.corrupt("snapshot file: data sha256 checksum mismatch: recorded "
            + SnapshotFile.hex(reader.dataSha256()) + ", computed " + SnapshotFile.hex(computed));
      }
      upload.send(call, pending.setSha256(SnapshotFile.hex(computed)).build());
      call.halfClose();
    } catch (IOException | RuntimeException e) {
      call.cancel("restore aborted by the client: " + e.getMessage(), e);
      throw e;
    }
    SnapshotRestoreResponse response = UnaryCaller.join(upload.result);
    pool.observe(response);
    return response;
  }

  /** Client-streaming listener that lets the sender wait for flow-control readiness. */
  private static final class Upload extends ClientCall.Listener<SnapshotRestoreResponse> {
    private final String target;
    private final CompletableFuture<SnapshotRestoreResponse> result = new CompletableFuture<>();
    private SnapshotRestoreResponse response;

    Upload(String target) {
      this.target = target;
    }

    void send(ClientCall<SnapshotChunk, ?> call, SnapshotChunk chunk) {
      synchronized (this) {
        while (!call.isReady() && !result.isDone()) {
          try {
            wait(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynodException(Status.Code.CANCELLED, "interrupted while sending the snapshot");
          }
        }
      }
      if (result.isDone()) {
        UnaryCaller.join(result); // throws the call's failure
        throw new SynodException(Status.Code.INTERNAL, "server answered before the upload finished",
            1, target, null);
      }
      call.sendMessage(chunk);
    }

    @Override
    public synchronized void onReady() {
      notifyAll();
    }

    @Override
    public void onMessage(SnapshotRestoreResponse message) {
      response = message;
    }

    @Override
    public synchronized void onClose(Status status, Metadata trailers) {
      if (status.isOk() && response != null) {
        result.complete(response);
      } else if (status.isOk()) {
        result.completeExceptionally(new SynodException(Status.Code.INTERNAL,
            "snapshot restore: no response", 1, target, null));
      } else {
        result.completeExceptionally(SynodException.of(status, 1, target));
      }
      notifyAll();
    }
  }
}
