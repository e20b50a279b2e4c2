package dev.synod.registry;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.AclToken;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.Role;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * ACL and signing CA commands for {@link Histories}: three accessor ids and eight secret hashes, so
 * reuse, revocation, rotation and the tiny token limit all come up, plus the odd malformed field.
 */
final class AclHistories {
  private AclHistories() {}

  static Arbitrary<Command> command() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Combinators.combine(accessorId(), bootstrapRole(), secret())
            .as((id, role, hash) -> Commands.bootstrap(Commands.token(id, role), hash))),
        Tuple.of(6, Combinators.combine(accessorId(), role(), expiry(), secret())
            .as((id, role, expires, hash) -> Commands.createToken(
                Commands.token(id, role).toBuilder().setExpiresAtUnixMs(expires).build(), hash))),
        Tuple.of(3, accessorId().map(Commands::revokeToken)),
        Tuple.of(5, Combinators.combine(accessorId(), secret()).as(Commands::rotateToken)),
        Tuple.of(1, Arbitraries.just(Commands.createToken(preassignedRevision(), Commands.hash(6)))),
        Tuple.of(2, installCa()));
  }

  /** A single ACL or CA command, which a batch must refuse. */
  static Arbitrary<Command> notBatchable() {
    return Arbitraries.of(Commands.revokeToken("token-aaa"), Commands.installCa(Commands.ca("cert-1", "key-1")),
        Commands.createToken(Commands.token("token-bbb", Role.ROLE_CLIENT), Commands.hash(1)));
  }

  /** Refused: only the registry assigns a token's revisions. */
  private static AclToken preassignedRevision() {
    return Commands.token("token-ccc", Role.ROLE_CLIENT).toBuilder().setCreateRevision(3).build();
  }

  private static Arbitrary<String> accessorId() {
    return Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of("token-aaa", "token-bbb", "token-ccc")),
        Tuple.of(1, Arbitraries.of("bad", "Token-AAA")));
  }

  private static Arbitrary<Role> role() {
    return Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.of(Role.ROLE_ADMIN, Role.ROLE_CLIENT, Role.ROLE_WORKER)),
        Tuple.of(1, Arbitraries.of(Role.ROLE_SERVER, Role.ROLE_UNSPECIFIED)));
  }

  private static Arbitrary<Role> bootstrapRole() {
    return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(Role.ROLE_ADMIN)),
        Tuple.of(1, Arbitraries.just(Role.ROLE_OPERATOR)));
  }

  private static Arbitrary<Long> expiry() {
    return Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.of(0L, 2_000_000L)), Tuple.of(1, Arbitraries.just(-1L)));
  }

  private static Arbitrary<ByteString> secret() {
    return Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.integers().between(1, 8).map(Commands::hash)),
        Tuple.of(1, Arbitraries.just(Commands.hash(1).substring(0, 31))));
  }

  private static Arbitrary<Command> installCa() {
    return Arbitraries.of(
        Commands.installCa(Commands.ca("cert-1", "key-1")),
        Commands.installCa(Commands.ca("cert-2", "key-2")),
        Commands.installCa(Commands.ca("c".repeat(25), "key-3")), // over the tiny PEM limit
        Commands.installCa(Commands.ca("cert-4", "")));
  }
}
