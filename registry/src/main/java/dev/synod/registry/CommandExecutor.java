package dev.synod.registry;

import dev.synod.proto.v1.Batch;
import dev.synod.proto.v1.BatchResult;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.CommandResult;
import dev.synod.proto.v1.InstallSigningCaResult;
import dev.synod.proto.v1.SigningCa;

/**
 * Routes a validated command to the component that owns it. Runs inside the journal opened by
 * {@link Registry#apply}: any {@link Rejection} thrown here is rolled back there.
 */
final class CommandExecutor {
  private final RegistryState state;
  private final KvWrites kv;
  private final LeaseLifecycle leases;
  private final RegistrantLifecycle registrants;
  private final LeaseExpiry expiry;
  private final AclCommands acl;

  CommandExecutor(RegistryState state, RegistryLimits limits) {
    this.state = state;
    this.kv = new KvWrites(state);
    this.leases = new LeaseLifecycle(state, kv);
    this.registrants = new RegistrantLifecycle(state, limits, leases);
    this.expiry = new LeaseExpiry(state, leases, registrants);
    this.acl = new AclCommands(state, limits);
  }

  RegistryState state() {
    return state;
  }

  CommandResult execute(long rev, Command c) {
    CommandResult.Builder out = CommandResult.newBuilder().setRevision(rev);
    switch (c.getOpCase()) {
      case PUT -> out.setPut(kv.put(rev, c.getPut()));
      case DELETE -> out.setDelete(kv.delete(rev, c.getDelete()));
      case CAS -> out.setCas(kv.cas(rev, c.getCas()));
      case LEASE_GRANT -> out.setLeaseGrant(leases.grant(rev, c.getLeaseGrant()));
      case LEASE_REVOKE -> out.setLeaseRevoke(leases.revoke(rev, c.getLeaseRevoke()));
      case LEASE_KEEP_ALIVE -> out.setLeaseKeepAlive(leases.keepAlive(rev, c.getLeaseKeepAlive()));
      case EXPIRE_LEASES -> out.setExpireLeases(expiry.expire(rev));
      case LEADER_EPOCH -> out.setLeaderEpoch(expiry.grace(c.getLeaderEpoch()));
      case REGISTER -> out.setRegister(registrants.register(rev, c.getRegister()));
      case HEARTBEAT -> out.setHeartbeat(registrants.heartbeat(rev, c.getHeartbeat()));
      case DEREGISTER -> out.setDeregister(registrants.deregister(rev, c.getDeregister()));
      case SET_REGISTRANT_STATE -> out.setSetRegistrantState(registrants.setState(rev, c.getSetRegistrantState()));
      case BATCH -> out.setBatch(batch(rev, c.getBatch()));
      case ACL_BOOTSTRAP -> out.setAclToken(acl.bootstrap(rev, c.getAclBootstrap()));
      case ACL_CREATE_TOKEN -> out.setAclToken(acl.create(rev, c.getAclCreateToken()));
      case ACL_REVOKE_TOKEN -> out.setAclToken(acl.revoke(rev, c.getAclRevokeToken()));
      case ACL_ROTATE_TOKEN -> out.setAclToken(acl.rotate(rev, c.getAclRotateToken()));
      case INSTALL_SIGNING_CA -> out.setInstallSigningCa(installSigningCa(c.getInstallSigningCa().getCa()));
      // Restore replaces the state object itself, so Registry handles it; validation rejects OP_NOT_SET.
      case RESTORE, OP_NOT_SET -> throw new IllegalStateException("not executable here: " + c.getOpCase());
    }
    return out.build();
  }

  /** Installs the CA once: later installs change nothing and report the CA already in place. */
  private InstallSigningCaResult installSigningCa(SigningCa ca) {
    SigningCa installed = state.signingCa();
    if (installed == null) {
      state.installSigningCa(ca);
    }
    return InstallSigningCaResult.newBuilder().setInstalled(installed == null)
        .setCertificatePem(installed == null ? ca.getCertificatePem() : installed.getCertificatePem()).build();
  }

  /** Sub-commands share the batch's revision and clock; the first rejection names its index. */
  private BatchResult batch(long rev, Batch batch) {
    BatchResult.Builder out = BatchResult.newBuilder();
    for (int i = 0; i < batch.getCommandsCount(); i++) {
      try {
        out.addResults(execute(rev, batch.getCommands(i)));
      } catch (Rejection r) {
        throw r.under("commands[" + i + "]");
      }
    }
    return out.build();
  }
}
