package dev.synod.chaos.workload;

import com.google.protobuf.ByteString;
import dev.synod.chaos.history.OpValue;
import dev.synod.client.SynodClient;
import dev.synod.proto.v1.KeyValue;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.RangeRequest;
import dev.synod.proto.v1.RangeResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Adds unique elements (one key each), then reads them all once the faults are healed. */
public final class SetWorkload implements Workload {
  private static final int PAGE = 5_000;
  private final String prefix;
  private final AtomicLong nextElement = new AtomicLong(1);

  /** @param prefix key namespace of this run, so runs against one cluster never share a set */
  public SetWorkload(String prefix) {
    this.prefix = prefix + "set/";
  }

  @Override
  public String name() {
    return "set";
  }

  @Override
  public PlannedOp next(Random random, WorkerMemory memory) {
    return new PlannedOp("add", null, OpValue.of(nextElement.getAndIncrement()));
  }

  @Override
  public List<PlannedOp> finalOps() {
    return List.of(new PlannedOp("read-all", null, OpValue.none()));
  }

  @Override
  public Outcome execute(SynodClient client, PlannedOp op, WorkerMemory memory) {
    if (op.f().equals("read-all")) {
      return readAll(client, prefix);
    }
    long element = OpValue.asLong(op.value());
    try {
      client.put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(prefix + String.format("%012d", element)))
          .setValue(ByteString.copyFromUtf8(Long.toString(element))).build());
      return new Outcome.Ok(OpValue.of(element));
    } catch (RuntimeException e) {
      return Outcomes.ofWriteError(e);
    }
  }

  private static Outcome readAll(SynodClient client, String prefix) {
    List<Long> elements = new ArrayList<>();
    ByteString after = ByteString.EMPTY;
    try {
      while (true) {
        RangeResponse page = client.range(RangeRequest.newBuilder().setPrefix(ByteString.copyFromUtf8(prefix))
            .setAfterKey(after).setLimit(PAGE).build());
        for (KeyValue kv : page.getKvsList()) {
          elements.add(Long.parseLong(kv.getValue().toString(StandardCharsets.UTF_8)));
          after = kv.getKey();
        }
        if (!page.getMore()) {
          return new Outcome.Ok(OpValue.longs(elements));
        }
      }
    } catch (RuntimeException e) {
      return new Outcome.Fail(Outcomes.describe(e));
    }
  }
}
