package dev.synod.registry;

import dev.synod.proto.v1.SigningCa;

/**
 * Everything the registry replicates: the tables, the event history, the registry clock, the
 * lease id counter and the signing CA. Mutations go through the tables, which journal them for rollback.
 */
final class RegistryState {
  final Journal journal = new Journal();
  final KvTable kv = new KvTable(journal);
  final LeaseTable leases = new LeaseTable(journal);
  final RegistrantTable registrants = new RegistrantTable(journal);
  final EventLog events = new EventLog(journal);
  final AclTable acl = new AclTable(journal);
  private long revision;
  private long clock;
  private long nextLeaseId = 1;
  // Null until installed; holds the CA's private key, so it is never rendered into a message.
  private SigningCa signingCa;

  long revision() {
    return revision;
  }

  /** Not journaled: the revision advances for every applied log entry, rejected or not. */
  void setRevision(long revision) {
    this.revision = revision;
  }

  long clock() {
    return clock;
  }

  /** The registry clock only moves forward, whatever order leader timestamps arrive in. */
  void advanceClock(long timestampMillis) {
    if (timestampMillis > clock) {
      long old = clock;
      clock = timestampMillis;
      journal.record(() -> clock = old);
    }
  }

  long nextLeaseId() {
    return nextLeaseId;
  }

  long allocateLeaseId() {
    long id = nextLeaseId++;
    journal.record(() -> nextLeaseId = id);
    return id;
  }

  SigningCa signingCa() {
    return signingCa;
  }

  void installSigningCa(SigningCa ca) {
    SigningCa old = signingCa;
    signingCa = ca;
    journal.record(() -> signingCa = old);
  }

  /** For restore only: sets the scalar fields of a freshly built state. */
  void initialize(long revision, long clock, long nextLeaseId) {
    this.revision = revision;
    this.clock = clock;
    this.nextLeaseId = nextLeaseId;
  }

  /** clock + millis, saturating instead of overflowing on absurd inputs. */
  long clockPlus(long millis) {
    // clock is never negative (it starts at 0 and only grows), and callers pass millis >= 0.
    return millis > Long.MAX_VALUE - clock ? Long.MAX_VALUE : clock + millis;
  }
}
