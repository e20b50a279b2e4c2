package dev.synod.node.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.CommandResult;
import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.QueryResult;
import dev.synod.registry.Registry;
import dev.synod.registry.RegistryLimits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RegistryStateMachineTest {
  private final Clock leaderClock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_123L), ZoneOffset.UTC);
  private final RegistryStateMachine sm = new RegistryStateMachine(new Registry(RegistryLimits.defaults()), leaderClock);

  private static Command put(String key, int valueBytes) {
    return Command.newBuilder().setPut(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))
        .setValue(ByteString.copyFrom(new byte[valueBytes]))).build();
  }

  @Test
  void leaderStampsItsClockIntoEveryCommand() throws Exception {
    Command stamped = Command.parseFrom(sm.prepare(put("k", 1).toByteArray()));
    assertThat(stamped.getTimestampMillis()).isEqualTo(1_700_000_000_123L);
    assertThat(stamped.getPut().getKey().toStringUtf8()).isEqualTo("k");
  }

  @Test
  void invalidProposalIsRejectedBeforeItReachesTheLog() {
    assertThatThrownBy(() -> sm.prepare(put("k", 600_000).toByteArray()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value").hasMessageContaining("524288");
    assertThatThrownBy(() -> sm.prepare(new byte[] {(byte) 0xff, 0x01}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("synod.v1.Command");
  }

  @Test
  void malformedEntryIsAnApplicationErrorNotAnException() throws Exception {
    CommandResult result = CommandResult.parseFrom(sm.apply(5, new byte[] {(byte) 0xff, 0x01}));
    assertThat(result.getRevision()).isEqualTo(5);
    assertThat(result.getError().getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    QueryResult q = QueryResult.parseFrom(sm.query(new byte[] {(byte) 0xff, 0x01}));
    assertThat(q.getError().getField()).isEqualTo("query");
  }

  @Test
  void snapshotRoundTripsThroughBytes() throws Exception {
    sm.apply(1, sm.prepare(put("a", 3).toByteArray()));
    byte[] snapshot = sm.captureSnapshot().get();
    RegistryStateMachine other = new RegistryStateMachine(new Registry(RegistryLimits.defaults()), leaderClock);
    other.restore(snapshot);
    assertThat(other.captureSnapshot().get()).isEqualTo(snapshot);
    QueryResult got = QueryResult.parseFrom(other.query(Query.newBuilder()
        .setGet(dev.synod.proto.v1.GetRequest.newBuilder().setKey(ByteString.copyFromUtf8("a"))).build().toByteArray()));
    assertThat(got.getGet().getKv().getModRevision()).isEqualTo(1);
  }

  /** The serializer runs on another thread while applies go on: it must write the state as it was captured. */
  @Test
  void aCapturedSnapshotIgnoresLaterApplies() throws Exception {
    sm.apply(1, sm.prepare(put("a", 3).toByteArray()));
    Supplier<byte[]> captured = sm.captureSnapshot();
    sm.apply(2, sm.prepare(put("b", 4).toByteArray()));
    sm.apply(3, sm.prepare(put("a", 5).toByteArray()));

    RegistryStateMachine other = new RegistryStateMachine(new Registry(RegistryLimits.defaults()), leaderClock);
    other.restore(captured.get());

    assertThat(get(other, "a").getGet().getKv().getModRevision()).isEqualTo(1);
    assertThat(get(other, "b").getGet().hasKv()).as("written after the capture").isFalse();
  }

  private static QueryResult get(RegistryStateMachine machine, String key) throws Exception {
    Query query = Query.newBuilder()
        .setGet(dev.synod.proto.v1.GetRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))).build();
    return QueryResult.parseFrom(machine.query(query.toByteArray()));
  }
}
