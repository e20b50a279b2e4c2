package dev.synod.chaos.workload;

import com.google.protobuf.ByteString;
import dev.synod.chaos.history.OpValue;
import dev.synod.client.SynodClient;
import dev.synod.proto.v1.CasRequest;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.GetResponse;
import dev.synod.proto.v1.PutRequest;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Independent-key CAS registers over the KV API: read, write and compare-and-set with unique values. A key
 * retires after {@code opsPerKey} operations so every per-key history stays small enough to check.
 *
 * <p>A register CAS(expected → new) is a linearizable read followed by a KV CAS on the mod revision that
 * read returned. Values are unique, so "the revision is unchanged" equals "the value is still expected".
 */
public final class CasRegisterWorkload implements Workload {
  private final String prefix;
  private final int activeKeys;
  private final int opsPerKey;
  private final AtomicLong nextValue = new AtomicLong(1);
  private final AtomicLong nextKeyId;
  private final AtomicLongArray slotKey;
  private final AtomicLongArray slotOps;

  /** @param prefix key namespace of this run, so runs against one cluster never share a register */
  public CasRegisterWorkload(String prefix, int activeKeys, int opsPerKey) {
    this.prefix = prefix;
    this.activeKeys = activeKeys;
    this.opsPerKey = opsPerKey;
    this.slotKey = new AtomicLongArray(activeKeys);
    this.slotOps = new AtomicLongArray(activeKeys);
    for (int i = 0; i < activeKeys; i++) {
      slotKey.set(i, i);
    }
    this.nextKeyId = new AtomicLong(activeKeys);
  }

  @Override
  public String name() {
    return "cas-register";
  }

  @Override
  public PlannedOp next(Random random, WorkerMemory memory) {
    String key = prefix + "reg/" + pickKey(random.nextInt(activeKeys));
    int dice = random.nextInt(10);
    Long expected = memory.lastSeen(key);
    if (dice < 4 || (dice >= 7 && expected == null)) {
      return new PlannedOp("read", key, OpValue.none());
    }
    if (dice < 7) {
      return new PlannedOp("write", key, OpValue.of(nextValue.getAndIncrement()));
    }
    return new PlannedOp("cas", key, OpValue.cas(expected, nextValue.getAndIncrement()));
  }

  private long pickKey(int slot) {
    if (slotOps.incrementAndGet(slot) > opsPerKey) {
      synchronized (this) {
        if (slotOps.get(slot) > opsPerKey) {
          slotKey.set(slot, nextKeyId.getAndIncrement());
          slotOps.set(slot, 1);
        }
      }
    }
    return slotKey.get(slot);
  }

  @Override
  public Outcome execute(SynodClient client, PlannedOp op, WorkerMemory memory) {
    return switch (op.f()) {
      case "read" -> read(client, op.key(), memory);
      case "write" -> write(client, op, memory);
      case "cas" -> cas(client, op, memory);
      default -> throw new IllegalArgumentException("f: '" + op.f() + "' (expected: read, write or cas)");
    };
  }

  private static Outcome read(SynodClient client, String key, WorkerMemory memory) {
    try {
      Long value = valueOf(client.get(GetRequest.newBuilder().setKey(utf8(key)).build()));
      memory.saw(key, value);
      return new Outcome.Ok(OpValue.of(value));
    } catch (RuntimeException e) {
      return new Outcome.Fail(Outcomes.describe(e)); // a read changes nothing, so a failed read never happened
    }
  }

  private static Outcome write(SynodClient client, PlannedOp op, WorkerMemory memory) {
    long value = OpValue.asLong(op.value());
    try {
      client.put(PutRequest.newBuilder().setKey(utf8(op.key())).setValue(utf8(Long.toString(value))).build());
      memory.saw(op.key(), value);
      return new Outcome.Ok(OpValue.of(value));
    } catch (RuntimeException e) {
      return Outcomes.ofWriteError(e);
    }
  }

  private static Outcome cas(SynodClient client, PlannedOp op, WorkerMemory memory) {
    var pair = OpValue.asLongs(op.value());
    long expected = pair.get(0);
    long next = pair.get(1);
    GetResponse current;
    try {
      current = client.get(GetRequest.newBuilder().setKey(utf8(op.key())).build());
    } catch (RuntimeException e) {
      return new Outcome.Fail(Outcomes.describe(e));
    }
    Long seen = valueOf(current);
    memory.saw(op.key(), seen);
    if (seen == null || seen != expected) {
      return new Outcome.Ok(OpValue.of(false));
    }
    try {
      var r = client.cas(CasRequest.newBuilder().setKey(utf8(op.key()))
          .setExpectedModRevision(current.getKv().getModRevision()).setValue(utf8(Long.toString(next))).build());
      if (r.getSucceeded()) {
        memory.saw(op.key(), next);
      }
      return new Outcome.Ok(OpValue.of(r.getSucceeded()));
    } catch (RuntimeException e) {
      return Outcomes.ofWriteError(e);
    }
  }

  private static Long valueOf(GetResponse r) {
    return r.hasKv() ? Long.parseLong(r.getKv().getValue().toString(StandardCharsets.UTF_8)) : null;
  }

  private static ByteString utf8(String s) {
    return ByteString.copyFromUtf8(s);
  }
}
