package dev.synod.registry;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.Batch;
import dev.synod.proto.v1.CasRequest;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.DeleteRequest;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.RegisterRequest;
import dev.synod.proto.v1.RegistrantKind;
import dev.synod.proto.v1.RegistrantState;
import dev.synod.proto.v1.RegistryError;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Stateless checks of a command (sizes, required fields), run by nodes before proposing and by apply. */
public final class CommandValidator {
  private static final String OPS = "put, delete, cas, lease_grant, lease_revoke, lease_keep_alive,"
      + " expire_leases, leader_epoch, register, heartbeat, deregister, set_registrant_state, batch, restore,"
      + " acl_bootstrap, acl_create_token, acl_revoke_token, acl_rotate_token, install_signing_ca";
  private static final String BATCH_OPS = "put, delete, cas, lease_grant, lease_revoke or lease_keep_alive";

  private CommandValidator() {}

  /** The first problem found, naming the field, the value and the limit; empty when the command is well-formed. */
  public static Optional<RegistryError> validate(Command command, RegistryLimits limits) {
    try {
      check(command, limits);
      return Optional.empty();
    } catch (Rejection r) {
      return Optional.of(r.error());
    }
  }

  static void check(Command c, RegistryLimits l) {
    switch (c.getOpCase()) {
      case PUT -> put(c.getPut(), l);
      case DELETE -> delete(c.getDelete(), l);
      case CAS -> cas(c.getCas(), l);
      case LEASE_GRANT -> ttl("ttl_millis", c.getLeaseGrant().getTtlMillis(), l.minLeaseTtlMillis(), l);
      case LEASE_REVOKE -> leaseId(c.getLeaseRevoke().getLeaseId());
      case LEASE_KEEP_ALIVE -> leaseId(c.getLeaseKeepAlive().getLeaseId());
      case EXPIRE_LEASES -> { }
      case LEADER_EPOCH -> atLeastZero("grace_millis", c.getLeaderEpoch().getGraceMillis());
      case REGISTER -> register(c.getRegister(), l);
      case HEARTBEAT -> identity(c.getHeartbeat().getKind(), c.getHeartbeat().getId(), l);
      case DEREGISTER -> identity(c.getDeregister().getKind(), c.getDeregister().getId(), l);
      case SET_REGISTRANT_STATE -> {
        identity(c.getSetRegistrantState().getKind(), c.getSetRegistrantState().getId(), l);
        RegistrantState s = c.getSetRegistrantState().getState();
        if (s != RegistrantState.ALIVE && s != RegistrantState.DRAINING) {
          throw Rejection.invalid("state", stateName(s, c.getSetRegistrantState().getStateValue())
              + " (expected: ALIVE or DRAINING)");
        }
      }
      case BATCH -> batch(c.getBatch(), l);
      case RESTORE -> {
        if (!c.getRestore().hasSnapshot()) {
          throw Rejection.invalid("snapshot", "not set (expected: a RegistrySnapshot)");
        }
        try {
          SnapshotValidator.check(c.getRestore().getSnapshot());
        } catch (Rejection r) {
          throw r.under("snapshot");
        }
      }
      case ACL_BOOTSTRAP -> AclCommandValidator.newToken(c.getAclBootstrap().hasToken(),
          c.getAclBootstrap().getToken(), c.getAclBootstrap().getSecretSha256(), true);
      case ACL_CREATE_TOKEN -> AclCommandValidator.newToken(c.getAclCreateToken().hasToken(),
          c.getAclCreateToken().getToken(), c.getAclCreateToken().getSecretSha256(), false);
      case ACL_REVOKE_TOKEN -> AclCommandValidator.accessorId("accessor_id", c.getAclRevokeToken().getAccessorId());
      case ACL_ROTATE_TOKEN -> {
        AclCommandValidator.accessorId("accessor_id", c.getAclRotateToken().getAccessorId());
        AclCommandValidator.sha256("new_secret_sha256", c.getAclRotateToken().getNewSecretSha256());
      }
      case INSTALL_SIGNING_CA -> AclCommandValidator.signingCa(c.getInstallSigningCa(), l);
      case OP_NOT_SET -> throw Rejection.invalid("op", "not set (expected: one of " + OPS + ")");
    }
  }

  private static void put(PutRequest p, RegistryLimits l) {
    key("key", p.getKey(), l);
    value(p.getValue(), l);
    atLeastZero("lease_id", p.getLeaseId());
  }

  private static void cas(CasRequest c, RegistryLimits l) {
    key("key", c.getKey(), l);
    value(c.getValue(), l);
    atLeastZero("expected_mod_revision", c.getExpectedModRevision());
    atLeastZero("lease_id", c.getLeaseId());
  }

  private static void delete(DeleteRequest d, RegistryLimits l) {
    if (d.getPrefix()) {
      // An empty prefix deletes every key, as an empty range prefix lists every key.
      keySize("key", d.getKey(), l);
      if (d.getExpectedModRevision() != 0) {
        throw Rejection.invalid("expected_mod_revision", d.getExpectedModRevision()
            + " (expected: 0 when prefix is set; conditional deletes are single-key only)");
      }
    } else {
      key("key", d.getKey(), l);
      atLeastZero("expected_mod_revision", d.getExpectedModRevision());
    }
  }

  private static void batch(Batch b, RegistryLimits l) {
    if (b.getCommandsCount() > l.maxBatchSize()) {
      throw Rejection.limit("commands", b.getCommandsCount() + " commands (expected: <= " + l.maxBatchSize() + ")");
    }
    for (int i = 0; i < b.getCommandsCount(); i++) {
      Command sub = b.getCommands(i);
      String at = "commands[" + i + "]";
      switch (sub.getOpCase()) {
        case PUT, DELETE, CAS, LEASE_GRANT, LEASE_REVOKE, LEASE_KEEP_ALIVE -> {
          try {
            check(sub, l);
          } catch (Rejection r) {
            throw r.under(at);
          }
        }
        default -> throw Rejection.invalid(at + ".op", opName(sub) + " (expected: " + BATCH_OPS + ")");
      }
    }
  }

  private static void register(RegisterRequest r, RegistryLimits l) {
    identity(r.getKind(), r.getId(), l);
    if (r.getAddressesCount() > l.maxLabels()) {
      throw Rejection.limit("addresses", r.getAddressesCount() + " addresses (expected: <= " + l.maxLabels() + ")");
    }
    for (int i = 0; i < r.getAddressesCount(); i++) {
      text("addresses[" + i + "]", r.getAddresses(i), l);
    }
    text("zone", r.getZone(), l);
    if (r.getLabelsCount() > l.maxLabels()) {
      throw Rejection.limit("labels", r.getLabelsCount() + " labels (expected: <= " + l.maxLabels() + ")");
    }
    for (Map.Entry<String, String> e : r.getLabelsMap().entrySet()) {
      if (e.getKey().isEmpty()) {
        throw Rejection.invalid("labels", "empty label name (expected: 1 to " + l.maxIdBytes() + " bytes)");
      }
      text("labels", e.getKey(), l);
      text("labels[\"" + e.getKey() + "\"]", e.getValue(), l);
    }
    atLeastZero("capacity.storage_bytes", r.getCapacity().getStorageBytes());
    atLeastZero("capacity.task_slots", r.getCapacity().getTaskSlots());
    atLeastZero("capacity.cpu_millis", r.getCapacity().getCpuMillis());
    atLeastZero("capacity.memory_bytes", r.getCapacity().getMemoryBytes());
    // 0 asks for the default; anything shorter than the minimum is raised, not rejected.
    if (r.getTtlMillis() != 0) {
      ttl("ttl_millis", r.getTtlMillis(), 1, l);
    }
  }

  private static void identity(RegistrantKind kind, String id, RegistryLimits l) {
    if (kind != RegistrantKind.FILE_SERVER && kind != RegistrantKind.WORKER) {
      String shown = kind == RegistrantKind.UNRECOGNIZED ? "unknown value" : kind.name();
      throw Rejection.invalid("kind", shown + " (expected: FILE_SERVER or WORKER)");
    }
    if (id.isEmpty()) {
      throw Rejection.invalid("id", "empty (expected: 1 to " + l.maxIdBytes() + " bytes)");
    }
    text("id", id, l);
  }

  /** A key that must be present and within the key size limit. */
  static void key(String field, ByteString key, RegistryLimits l) {
    if (key.isEmpty()) {
      throw Rejection.invalid(field, "empty (expected: 1 to " + l.maxKeyBytes() + " bytes)");
    }
    keySize(field, key, l);
  }

  /** A key or prefix that may be empty but must fit the key size limit. */
  static void keySize(String field, ByteString key, RegistryLimits l) {
    if (key.size() > l.maxKeyBytes()) {
      throw Rejection.limit(field, key.size() + " bytes (expected: <= " + l.maxKeyBytes() + ")");
    }
  }

  private static void value(ByteString value, RegistryLimits l) {
    if (value.size() > l.maxValueBytes()) {
      throw Rejection.limit("value", value.size() + " bytes (expected: <= " + l.maxValueBytes() + ")");
    }
  }

  private static void text(String field, String text, RegistryLimits l) {
    // Cheap bound first: a UTF-16 unit never takes more than 3 UTF-8 bytes.
    if ((long) text.length() * 3 <= l.maxIdBytes()) {
      return;
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > l.maxIdBytes()) {
      throw Rejection.limit(field, bytes + " bytes (expected: <= " + l.maxIdBytes() + ")");
    }
  }

  private static void ttl(String field, long ttl, long min, RegistryLimits l) {
    if (ttl <= 0) {
      throw Rejection.invalid(field, ttl + " (expected: > 0)");
    }
    if (ttl < min) {
      throw Rejection.limit(field, ttl + " (expected: >= " + min + ")");
    }
    if (ttl > l.maxLeaseTtlMillis()) {
      throw Rejection.limit(field, ttl + " (expected: <= " + l.maxLeaseTtlMillis() + ")");
    }
  }

  private static void leaseId(long id) {
    if (id <= 0) {
      throw Rejection.invalid("lease_id", id + " (expected: > 0)");
    }
  }

  private static void atLeastZero(String field, long value) {
    if (value < 0) {
      throw Rejection.invalid(field, value + " (expected: >= 0)");
    }
  }

  private static String stateName(RegistrantState s, int number) {
    return s == RegistrantState.UNRECOGNIZED ? String.valueOf(number) : s.name();
  }

  private static String opName(Command c) {
    return c.getOpCase() == Command.OpCase.OP_NOT_SET ? "not set" : c.getOpCase().name().toLowerCase();
  }
}
