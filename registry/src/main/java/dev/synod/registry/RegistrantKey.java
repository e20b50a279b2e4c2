package dev.synod.registry;

import dev.synod.proto.v1.Registrant;
import dev.synod.proto.v1.RegistrantKind;

/** Identity of a registrant: its kind and id. Ordered by kind number, then id. */
record RegistrantKey(RegistrantKind kind, String id) implements Comparable<RegistrantKey> {
  static RegistrantKey of(Registrant r) {
    return new RegistrantKey(r.getKind(), r.getId());
  }

  @Override
  public int compareTo(RegistrantKey o) {
    int c = Integer.compare(kind.getNumber(), o.kind.getNumber());
    return c != 0 ? c : id.compareTo(o.id);
  }

  @Override
  public String toString() {
    return kind + "/" + id;
  }
}
