package dev.synod.consensus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Test state machine: an append-only list of strings. Proposals {@code add:<v>} are stamped by prepare into
 * {@code stamped:<v>} (a proposal {@code add:reject...} is refused); apply appends and answers {@code ok:<size>}.
 * Queries: {@code size}, {@code all} (comma-joined). It counts applies and restores so tests can tell log replay
 * from snapshot loading. The adapter's lock makes it safe to use from several threads.
 */
final class ListStateMachine implements ReplicatedStateMachine {
  private final List<String> values = new ArrayList<>();
  final AtomicLong applies = new AtomicLong();
  final AtomicInteger restores = new AtomicInteger();
  private volatile String held;
  private volatile CountDownLatch release = new CountDownLatch(0);
  private volatile CountDownLatch serializationHold = new CountDownLatch(0);
  final AtomicInteger snapshotsSerializing = new AtomicInteger();

  static byte[] add(String value) {
    return ("add:" + value).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static List<String> parseAll(byte[] answer) {
    String s = text(answer);
    return s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
  }

  @Override
  public byte[] prepare(byte[] proposal) {
    String p = text(proposal);
    if (!p.startsWith("add:")) {
      throw new IllegalArgumentException("unknown command: " + p);
    }
    if (p.startsWith("add:reject")) {
      throw new IllegalArgumentException("rejected by prepare: " + p.substring(4));
    }
    return bytes("stamped:" + p.substring(4));
  }

  /** The apply of {@code value} waits, holding the adapter's lock, until the returned latch is released. */
  CountDownLatch holdApplyOf(String value) {
    release = new CountDownLatch(1);
    held = value;
    return release;
  }

  @Override
  public byte[] apply(long index, byte[] entry) {
    applies.incrementAndGet();
    String e = text(entry);
    if (e.equals("stamped:" + held)) {
      awaitRelease();
    }
    if (!e.startsWith("stamped:")) {
      return bytes("error:unstamped " + e);
    }
    values.add(e.substring("stamped:".length()));
    return bytes("ok:" + values.size());
  }

  private void awaitRelease() {
    await(release);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt(); // the node is closing
    }
  }

  @Override
  public byte[] query(byte[] query) {
    String q = text(query);
    return switch (q) {
      case "size" -> bytes(Integer.toString(values.size()));
      case "all" -> bytes(String.join(",", values));
      default -> throw new IllegalArgumentException("unknown query: " + q);
    };
  }

  /** Copies the list now; the serializer waits for the latch of {@link #holdSnapshotSerialization}, if any. */
  @Override
  public Supplier<byte[]> captureSnapshot() {
    List<String> copy = List.copyOf(values);
    CountDownLatch hold = serializationHold;
    return () -> {
      snapshotsSerializing.incrementAndGet();
      await(hold);
      return bytes(String.join("\n", copy));
    };
  }

  /** Serializers of snapshots captured from now on wait until the returned latch is released. */
  CountDownLatch holdSnapshotSerialization() {
    serializationHold = new CountDownLatch(1);
    return serializationHold;
  }

  @Override
  public void restore(byte[] snapshot) {
    restores.incrementAndGet();
    values.clear();
    String s = text(snapshot);
    if (!s.isEmpty()) {
      values.addAll(Arrays.asList(s.split("\n")));
    }
  }
}
