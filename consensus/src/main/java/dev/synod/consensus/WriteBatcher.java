package dev.synod.consensus;

import dev.synod.consensus.Frames.Frame;
import dev.synod.consensus.LeaderClient.AppliedEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Carries many writes in one Raft entry. Writes queue while {@code inFlight} batches are on their way; when one
 * comes back, everything queued (up to {@link Revisions#SLOTS} commands and a byte budget) leaves as the next
 * batch. A lone writer never waits for company, and under load a batch grows to what arrived during one round
 * trip, so the leader admits, logs and fsyncs one entry per batch instead of one per write. Each writer still
 * gets its own result: the batch's reply holds one per command, in order.
 */
final class WriteBatcher {
  /** Replicates one entry (LeaderClient::write); fails with an already translated error. */
  interface EntrySender {
    CompletableFuture<AppliedEntry> send(byte[] entry);
  }

  private record Pending(byte[] command, CompletableFuture<WriteResult> result) {}

  private final EntrySender sender;
  private final int inFlightMax;
  private final long batchBytesMax;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by this
  private int inFlight; // guarded by this

  /** {@code batchBytesMax}: a command larger than this still goes, alone. */
  WriteBatcher(EntrySender sender, int inFlightMax, long batchBytesMax) {
    this.sender = sender;
    this.inFlightMax = inFlightMax;
    this.batchBytesMax = batchBytesMax;
  }

  CompletableFuture<WriteResult> write(byte[] command) {
    Pending pending = new Pending(command, new CompletableFuture<>());
    List<Pending> batch;
    synchronized (this) {
      queue.add(pending);
      batch = nextBatch();
    }
    if (batch != null) {
      send(batch);
    }
    return pending.result();
  }

  private List<Pending> nextBatch() {
    if (queue.isEmpty() || inFlight >= inFlightMax) {
      return null;
    }
    List<Pending> batch = new ArrayList<>();
    long bytes = 0;
    while (!queue.isEmpty() && batch.size() < Revisions.SLOTS) {
      long next = bytes + queue.peek().command().length;
      if (!batch.isEmpty() && next > batchBytesMax) {
        break;
      }
      batch.add(queue.poll());
      bytes = next;
    }
    inFlight++;
    return batch;
  }

  private void send(List<Pending> batch) {
    List<Frame> commands = batch.stream().map(p -> new Frame(Frames.Kind.COMMAND, p.command())).toList();
    sender.send(Frames.encode(commands)).whenComplete((entry, error) -> {
      try {
        complete(batch, entry, error);
      } finally {
        List<Pending> next;
        synchronized (this) {
          inFlight--;
          next = nextBatch();
        }
        if (next != null) {
          send(next);
        }
      }
    });
  }

  private static void complete(List<Pending> batch, AppliedEntry entry, Throwable error) {
    if (error != null) {
      batch.forEach(p -> p.result().completeExceptionally(error));
      return;
    }
    List<Frame> results;
    try {
      results = Frames.decode("reply", entry.reply());
      if (results.size() != batch.size()) {
        throw new IllegalArgumentException("reply.count: " + results.size() + " (expected: " + batch.size()
            + ", the commands sent)");
      }
    } catch (IllegalArgumentException e) {
      IllegalStateException failure = new IllegalStateException("state machine reply at index " + entry.index()
          + " is unreadable: " + e.getMessage(), e);
      batch.forEach(p -> p.result().completeExceptionally(failure));
      return;
    }
    for (int slot = 0; slot < batch.size(); slot++) {
      settle(batch.get(slot).result(), entry.index(), slot, results.get(slot));
    }
  }

  private static String text(Frame f) {
    return new String(f.payload(), StandardCharsets.UTF_8);
  }

  private static void settle(CompletableFuture<WriteResult> result, long index, int slot, Frame outcome) {
    switch (outcome.kind()) {
      case RESULT -> result.complete(new WriteResult(index, Revisions.of(index, slot), outcome.payload()));
      case REJECTED -> result.completeExceptionally(new IllegalArgumentException(text(outcome)));
      case FAILED -> result.completeExceptionally(new IllegalStateException("state machine failed: " + text(outcome)));
      default -> result.completeExceptionally(new IllegalStateException(
          "reply.frame[" + slot + "].kind: " + outcome.kind() + " (expected: RESULT, REJECTED or FAILED)"));
    }
  }
}
