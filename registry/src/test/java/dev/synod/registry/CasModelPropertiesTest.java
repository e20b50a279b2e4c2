package dev.synod.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.proto.v1.CasResponse;
import dev.synod.proto.v1.CommandResult;
import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.KeyValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Checks put, delete and compare-and-set against a plain map of key to (value, mod revision, version). */
class CasModelPropertiesTest {
  enum Kind { PUT, DELETE, CAS_CURRENT, CAS_ZERO, CAS_STALE }

  record Op(Kind kind, String key, String value, long staleRevision) {}

  record Entry(String value, long modRevision, long createRevision, long version) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.of("a", "b", "c"),
            Arbitraries.strings().alpha().ofMaxLength(3), Arbitraries.longs().between(1, 60))
        .as(Op::new).list().ofMaxSize(60);
  }

  @Property(tries = 1000)
  void casAgreesWithAMapModel(@ForAll("ops") List<Op> ops) {
    Driver d = new Driver(Limits.tiny());
    Map<String, Entry> model = new HashMap<>();
    for (Op op : ops) {
      Entry current = model.get(op.key());
      long rev = d.index + 1;
      switch (op.kind()) {
        case PUT -> {
          d.ok(Commands.put(op.key(), op.value()));
          model.put(op.key(), written(current, op.value(), rev));
        }
        case DELETE -> {
          long deleted = d.ok(Commands.delete(op.key())).getDelete().getDeleted();
          assertThat(deleted).isEqualTo(current == null ? 0 : 1);
          model.remove(op.key());
        }
        default -> {
          long expected = switch (op.kind()) {
            case CAS_CURRENT -> current == null ? 0 : current.modRevision();
            case CAS_ZERO -> 0;
            default -> op.staleRevision();
          };
          CommandResult result = d.apply(Commands.cas(op.key(), expected, op.value()));
          if (current == null && expected != 0) {
            assertThat(result.getError().getCode()).isEqualTo(ErrorCode.NOT_FOUND);
            continue;
          }
          CasResponse cas = result.getCas();
          boolean matches = (current == null ? 0 : current.modRevision()) == expected;
          assertThat(cas.getSucceeded()).isEqualTo(matches);
          if (matches) {
            model.put(op.key(), written(current, op.value(), rev));
          }
          assertSame(model.get(op.key()), cas.getKv());
        }
      }
      for (String key : List.of("a", "b", "c")) {
        var got = d.query(Commands.get(key)).getGet();
        if (model.containsKey(key)) {
          assertSame(model.get(key), got.getKv());
        } else {
          assertThat(got.hasKv()).isFalse();
        }
      }
    }
  }

  private static Entry written(Entry current, String value, long rev) {
    return current == null
        ? new Entry(value, rev, rev, 1)
        : new Entry(value, rev, current.createRevision(), current.version() + 1);
  }

  private static void assertSame(Entry expected, KeyValue kv) {
    assertThat(kv.getValue().toStringUtf8()).isEqualTo(expected.value());
    assertThat(kv.getModRevision()).isEqualTo(expected.modRevision());
    assertThat(kv.getCreateRevision()).isEqualTo(expected.createRevision());
    assertThat(kv.getVersion()).isEqualTo(expected.version());
  }
}
