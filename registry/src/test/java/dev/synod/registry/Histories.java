package dev.synod.registry;

import static dev.synod.registry.Commands.bytes;

import dev.synod.proto.v1.Batch;
import dev.synod.proto.v1.CasRequest;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.CommandResult;
import dev.synod.proto.v1.DeleteRequest;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.RegistrantKind;
import dev.synod.proto.v1.RegistrantState;
import dev.synod.proto.v1.RegistrySnapshot;
import dev.synod.proto.v1.RestoreSnapshot;
import dev.synod.proto.v1.Role;
import dev.synod.proto.v1.StoredToken;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Random command histories over a small key, lease, registrant and ACL token space (see
 * {@link AclHistories}), with leader timestamps that sometimes go backwards and Raft indexes with
 * gaps. Some commands are malformed or refer to things that do not exist, so rejections are
 * exercised as often as successes.
 */
final class Histories {
  /** One log entry: how far the index jumps, how the leader's clock moves, and the command. */
  record Step(int indexGap, long clockDelta, Command command) {}

  private Histories() {}

  static Arbitrary<List<Step>> histories(int maxLength) {
    Arbitrary<Step> step = Combinators.combine(
        Arbitraries.integers().between(1, 3),
        Arbitraries.longs().between(-3_000, 8_000),
        command()).as(Step::new);
    // Uniform sizes: jqwik's default bias towards short lists would rarely build up interesting state.
    return step.list().ofMaxSize(maxLength).withSizeDistribution(RandomDistribution.uniform());
  }

  /** Replays a history from index 1 and time 1,000,000; returns every result. */
  static List<CommandResult> replay(Registry registry, List<Step> steps) {
    return replay(registry, steps, 0, 1_000_000);
  }

  static List<CommandResult> replay(Registry registry, List<Step> steps, long index, long time) {
    List<CommandResult> results = new ArrayList<>();
    for (Step s : steps) {
      index += s.indexGap();
      time += s.clockDelta();
      results.add(registry.apply(index, s.command().toBuilder().setTimestampMillis(time).build()));
    }
    return results;
  }

  static long indexAfter(List<Step> steps) {
    return steps.stream().mapToLong(Step::indexGap).sum();
  }

  static long timeAfter(List<Step> steps) {
    return 1_000_000 + steps.stream().mapToLong(Step::clockDelta).sum();
  }

  static Arbitrary<Command> command() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, put()),
        Tuple.of(2, delete()),
        Tuple.of(4, cas()),
        Tuple.of(2, ttl().map(Commands::grant)),
        Tuple.of(1, leaseId().map(Commands::revoke)),
        Tuple.of(2, leaseId().map(Commands::keepAlive)),
        Tuple.of(2, Arbitraries.just(Commands.expire())),
        Tuple.of(1, Arbitraries.longs().between(0, 10_000).map(Commands::epoch)),
        Tuple.of(2, Combinators.combine(kind(), registrantId(), ttl()).as(Commands::register)),
        Tuple.of(2, Combinators.combine(kind(), registrantId()).as(Commands::heartbeat)),
        Tuple.of(1, Combinators.combine(kind(), registrantId()).as(Commands::deregister)),
        Tuple.of(1, Combinators.combine(kind(), registrantId(), registrantState()).as(Commands::setState)),
        Tuple.of(2, batch()),
        Tuple.of(6, AclHistories.command()),
        Tuple.of(1, Arbitraries.of(restores())),
        Tuple.of(1, Arbitraries.just(Command.getDefaultInstance())));
  }

  private static Arbitrary<Command> batch() {
    Arbitrary<Command> kvOp = Arbitraries.frequencyOf(
        Tuple.of(5, put()), Tuple.of(2, delete()), Tuple.of(3, cas()),
        Tuple.of(1, ttl().map(Commands::grant)), Tuple.of(1, leaseId().map(Commands::revoke)),
        Tuple.of(1, Arbitraries.of(Commands.expire(), Commands.grant(1_000))), // expire is not allowed in a batch
        Tuple.of(1, AclHistories.notBatchable()));
    return kvOp.list().ofMaxSize(5)
        .map(ops -> Command.newBuilder().setBatch(Batch.newBuilder().addAllCommands(ops)).build());
  }

  private static Arbitrary<Command> put() {
    return Combinators.combine(key(), value(), leaseIdOrNone(), Arbitraries.of(true, false))
        .as((k, v, lease, prev) -> Command.newBuilder().setPut(PutRequest.newBuilder()
            .setKey(bytes(k)).setValue(bytes(v)).setLeaseId(lease).setReturnPrev(prev)).build());
  }

  private static Arbitrary<Command> delete() {
    return Combinators.combine(key(), Arbitraries.of(true, false), Arbitraries.longs().between(0, 40))
        .as((k, prefix, expected) -> Command.newBuilder().setDelete(DeleteRequest.newBuilder()
            .setKey(bytes(k)).setPrefix(prefix).setExpectedModRevision(prefix ? 0 : expected)).build());
  }

  private static Arbitrary<Command> cas() {
    // Small expected revisions, so that matches and mismatches both happen, not only NOT_FOUND.
    Arbitrary<Long> revisions = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0L)), Tuple.of(3, Arbitraries.longs().between(1, 12)));
    return Combinators.combine(key(), revisions, value(), leaseIdOrNone())
        .as((k, expected, v, lease) -> Command.newBuilder().setCas(CasRequest.newBuilder()
            .setKey(bytes(k)).setExpectedModRevision(expected).setValue(bytes(v)).setLeaseId(lease)).build());
  }

  private static Arbitrary<String> key() {
    return Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of("a", "ab", "b", "p/1", "p/2", "p/")),
        Tuple.of(1, Arbitraries.just("")),
        Tuple.of(1, Arbitraries.just("k".repeat(17)))); // over the tiny key limit
  }

  private static Arbitrary<String> value() {
    return Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of("", "1", "2", "three")),
        Tuple.of(1, Arbitraries.just("v".repeat(33)))); // over the tiny value limit
  }

  private static Arbitrary<Long> leaseId() {
    return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.longs().between(1, 4)),
        Tuple.of(1, Arbitraries.longs().between(0, 9)));
  }

  private static Arbitrary<Long> leaseIdOrNone() {
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0L)), Tuple.of(2, leaseId()));
  }

  private static Arbitrary<Long> ttl() {
    return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(1_000L, 3_000L, 10_000L)),
        Tuple.of(1, Arbitraries.of(0L, 500L, 70_000L))); // 0 and 500: default or raised for registrants
  }

  private static Arbitrary<RegistrantKind> kind() {
    return Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.of(RegistrantKind.WORKER, RegistrantKind.FILE_SERVER)),
        Tuple.of(1, Arbitraries.just(RegistrantKind.REGISTRANT_KIND_UNSPECIFIED)));
  }

  private static Arbitrary<String> registrantId() {
    return Arbitraries.of("x", "y", "z");
  }

  private static Arbitrary<RegistrantState> registrantState() {
    return Arbitraries.of(RegistrantState.ALIVE, RegistrantState.DRAINING, RegistrantState.DOWN);
  }

  /** A small consistent snapshot (with ACL tokens and a CA) and broken ones, for RestoreSnapshot commands. */
  private static List<Command> restores() {
    Registry source = new Registry(Limits.tiny());
    source.apply(1, Commands.grant(5_000).toBuilder().setTimestampMillis(900_000).build());
    source.apply(2, Commands.put("a", "restored", 1));
    source.apply(3, Commands.put("b", "restored"));
    source.apply(4, Commands.register(RegistrantKind.WORKER, "x"));
    source.apply(5, Commands.bootstrap(Commands.token("token-bbb", Role.ROLE_ADMIN), Commands.hash(5)));
    source.apply(6, Commands.createToken(Commands.token("token-aaa", Role.ROLE_CLIENT), Commands.hash(1)));
    source.apply(7, Commands.rotateToken("token-aaa", Commands.hash(2)));
    source.apply(8, Commands.installCa(Commands.ca("restored-cert", "restored-key")));
    RegistrySnapshot good = source.snapshot();
    RegistrySnapshot broken = good.toBuilder().setNextLeaseId(1).build();
    StoredToken first = good.getAclTokens(0);
    RegistrySnapshot shortHash = good.toBuilder()
        .setAclTokens(0, first.toBuilder().setSecretSha256(first.getSecretSha256().substring(0, 31))).build();
    return List.of(restore(good), restore(broken), restore(shortHash));
  }

  private static Command restore(RegistrySnapshot snapshot) {
    return Command.newBuilder().setRestore(RestoreSnapshot.newBuilder().setSnapshot(snapshot)).build();
  }
}
