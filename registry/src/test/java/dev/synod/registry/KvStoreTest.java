package dev.synod.registry;

import static dev.synod.registry.Commands.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.CommandResult;
import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.KeyValue;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.RangeRequest;
import dev.synod.proto.v1.RangeResponse;
import dev.synod.proto.v1.RegistryError;
import java.util.List;
import org.junit.jupiter.api.Test;

class KvStoreTest {
  private final Driver d = new Driver();

  @Test
  void putTracksCreateRevisionModRevisionAndVersion() {
    d.ok(Commands.put("a", "1"));
    d.index = 9;
    CommandResult second = d.ok(Commands.put("a", "2"));

    assertThat(second.getRevision()).isEqualTo(10);
    assertThat(second.getPut().getHeader().getRevision()).isEqualTo(10);
    KeyValue kv = d.query(Commands.get("a")).getGet().getKv();
    assertThat(kv.getValue().toStringUtf8()).isEqualTo("2");
    assertThat(kv.getCreateRevision()).isEqualTo(1);
    assertThat(kv.getModRevision()).isEqualTo(10);
    assertThat(kv.getVersion()).isEqualTo(2);
  }

  @Test
  void putReturnsPreviousValueOnlyWhenAsked() {
    d.ok(Commands.put("a", "1"));
    assertThat(d.ok(Commands.put("a", "2")).getPut().hasPrev()).isFalse();
    assertThat(d.ok(Commands.putReturningPrev("a", "3")).getPut().getPrev().getValue().toStringUtf8())
        .isEqualTo("2");
  }

  @Test
  void getOfMissingKeyHasNoKvAndCurrentRevision() {
    d.ok(Commands.put("a", "1"));
    var result = d.query(Commands.get("b"));
    assertThat(result.getGet().hasKv()).isFalse();
    assertThat(result.getRevision()).isEqualTo(1);
    assertThat(result.getGet().getHeader().getRevision()).isEqualTo(1);
  }

  @Test
  void rangeOrdersKeysAsUnsignedBytes() {
    // 0xff sorts after 'z' unsigned, though it is negative as a Java byte.
    putRaw(new byte[] {'k', (byte) 0xff});
    putRaw(new byte[] {'k', 'z'});
    putRaw(new byte[] {'k', 0x01});

    List<ByteString> keys = d.query(Commands.range("k", 0, "")).getRange().getKvsList().stream()
        .map(KeyValue::getKey).toList();
    assertThat(keys).containsExactly(ByteString.copyFrom(new byte[] {'k', 0x01}),
        ByteString.copyFrom(new byte[] {'k', 'z'}), ByteString.copyFrom(new byte[] {'k', (byte) 0xff}));
  }

  @Test
  void rangePaginatesWithAfterKeyAndMore() {
    for (String k : List.of("a", "p/1", "p/2", "p/3", "p/4", "p/5", "q")) {
      d.ok(Commands.put(k, "v"));
    }
    RangeResponse first = d.query(Commands.range("p/", 2, "")).getRange();
    assertThat(keys(first)).containsExactly("p/1", "p/2");
    assertThat(first.getMore()).isTrue();

    RangeResponse second = d.query(Commands.range("p/", 2, "p/2")).getRange();
    assertThat(keys(second)).containsExactly("p/3", "p/4");
    assertThat(second.getMore()).isTrue();

    RangeResponse last = d.query(Commands.range("p/", 2, "p/4")).getRange();
    assertThat(keys(last)).containsExactly("p/5");
    assertThat(last.getMore()).isFalse();
  }

  @Test
  void rangeWithExactlyLimitKeysLeftHasNoMore() {
    d.ok(Commands.put("p/1", "v"));
    d.ok(Commands.put("p/2", "v"));
    d.ok(Commands.put("q", "v"));
    RangeResponse page = d.query(Commands.range("p/", 2, "")).getRange();
    assertThat(keys(page)).containsExactly("p/1", "p/2");
    assertThat(page.getMore()).isFalse();
  }

  @Test
  void rangeKeysOnlyOmitsValues() {
    d.ok(Commands.put("a", "value"));
    RangeResponse page = d.query(Query.newBuilder().setRange(RangeRequest.newBuilder().setKeysOnly(true)).build())
        .getRange();
    assertThat(page.getKvs(0).getKey()).isEqualTo(bytes("a"));
    assertThat(page.getKvs(0).getValue()).isEmpty();
    assertThat(page.getKvs(0).getVersion()).isEqualTo(1);
  }

  @Test
  void rangeUsesDefaultLimitAndRefusesOneAboveMaximum() {
    Driver small = new Driver(Limits.with(3, 2));
    for (String k : List.of("a", "b", "c", "d")) {
      small.ok(Commands.put(k, "v"));
    }
    assertThat(small.query(Commands.range("", 0, "")).getRange().getKvsCount()).isEqualTo(2);
    RegistryError error = small.query(Commands.range("", 4, "")).getError();
    assertThat(error.getCode()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThat(error.getField()).isEqualTo("limit");
    assertThat(error.getMessage()).isEqualTo("limit: 4 (expected: <= 3)");
  }

  @Test
  void deleteOfSingleKeyReportsPrevious() {
    d.ok(Commands.put("a", "1"));
    var deleted = d.ok(Commands.delete("a")).getDelete();
    assertThat(deleted.getDeleted()).isEqualTo(1);
    assertThat(deleted.getPrev(0).getValue().toStringUtf8()).isEqualTo("1");
    assertThat(d.query(Commands.get("a")).getGet().hasKv()).isFalse();
    assertThat(d.ok(Commands.delete("a")).getDelete().getDeleted()).isZero();
  }

  @Test
  void deleteByPrefixRemovesOnlyPrefixedKeys() {
    for (String k : List.of("p", "p/1", "p/2", "pq", "q")) {
      d.ok(Commands.put(k, "v"));
    }
    assertThat(d.ok(Commands.deletePrefix("p/")).getDelete().getDeleted()).isEqualTo(2);
    assertThat(keys(d.query(Commands.range("", 0, "")).getRange())).containsExactly("p", "pq", "q");
  }

  @Test
  void deleteWithEmptyPrefixRemovesEveryKey() {
    d.ok(Commands.put("a", "v"));
    d.ok(Commands.put("b", "v"));
    assertThat(d.ok(Commands.deletePrefix("")).getDelete().getDeleted()).isEqualTo(2);
    assertThat(d.query(Commands.range("", 0, "")).getRange().getKvsCount()).isZero();
  }

  @Test
  void conditionalDeleteOnlyDeletesAtExpectedModRevision() {
    long rev = d.ok(Commands.put("a", "1")).getRevision();
    assertThat(d.ok(Commands.deleteIf("a", rev + 5)).getDelete().getDeleted()).isZero();
    assertThat(d.query(Commands.get("a")).getGet().hasKv()).isTrue();
    assertThat(d.ok(Commands.deleteIf("a", rev)).getDelete().getDeleted()).isEqualTo(1);
  }

  @Test
  void casOnMissingKeyIsNotFound() {
    RegistryError error = d.rejected(Commands.cas("config/x", 7, "v"));
    assertThat(error.getCode()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getField()).isEqualTo("key");
    assertThat(error.getMessage()).contains("\"config/x\"").contains("7");
  }

  @Test
  void casMismatchReturnsCurrentValue() {
    long rev = d.ok(Commands.put("a", "1")).getRevision();
    var cas = d.ok(Commands.cas("a", rev + 1, "2")).getCas();
    assertThat(cas.getSucceeded()).isFalse();
    assertThat(cas.getKv().getValue().toStringUtf8()).isEqualTo("1");
    assertThat(cas.getKv().getModRevision()).isEqualTo(rev);
  }

  @Test
  void casWithZeroCreatesOnlyIfAbsent() {
    var created = d.ok(Commands.cas("a", 0, "1")).getCas();
    assertThat(created.getSucceeded()).isTrue();
    assertThat(created.getKv().getVersion()).isEqualTo(1);
    var second = d.ok(Commands.cas("a", 0, "2")).getCas();
    assertThat(second.getSucceeded()).isFalse();
    assertThat(second.getKv().getValue().toStringUtf8()).isEqualTo("1");
  }

  @Test
  void casAtCurrentModRevisionWrites() {
    long rev = d.ok(Commands.put("a", "1")).getRevision();
    var cas = d.ok(Commands.cas("a", rev, "2")).getCas();
    assertThat(cas.getSucceeded()).isTrue();
    assertThat(cas.getKv().getModRevision()).isEqualTo(d.index);
    assertThat(cas.getKv().getVersion()).isEqualTo(2);
  }

  @Test
  void putWithUnknownLeaseIsNotFoundOnLeaseId() {
    RegistryError error = d.rejected(Commands.put("a", "1", 42));
    assertThat(error.getCode()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getField()).isEqualTo("lease_id");
    assertThat(error.getMessage()).startsWith("lease_id: 42");
    assertThat(d.query(Commands.get("a")).getGet().hasKv()).isFalse();
  }

  private void putRaw(byte[] key) {
    d.ok(Command.newBuilder().setPut(PutRequest.newBuilder().setKey(ByteString.copyFrom(key))).build());
  }

  private static List<String> keys(RangeResponse page) {
    return page.getKvsList().stream().map(kv -> kv.getKey().toStringUtf8()).toList();
  }
}
