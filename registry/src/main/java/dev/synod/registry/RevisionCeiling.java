package dev.synod.registry;

import dev.synod.proto.v1.AclToken;
import dev.synod.proto.v1.KeyValue;
import dev.synod.proto.v1.Registrant;
import dev.synod.proto.v1.RegistrySnapshot;
import dev.synod.proto.v1.StoredToken;

/**
 * No revision recorded in the state may exceed the registry's own revision, or a write after a
 * restore could carry a revision lower than the one it replaces. A RestoreSnapshot command sets the
 * revision to its log index, which may be below the source cluster's, so it lowers every higher
 * recorded revision to that index. Order among the lowered entries is lost; order against every
 * later write is kept.
 */
final class RevisionCeiling {
  private RevisionCeiling() {}

  static RegistrySnapshot lowerTo(RegistrySnapshot s, long ceiling) {
    RegistrySnapshot.Builder out = s.toBuilder();
    for (int i = 0; i < out.getKvsCount(); i++) {
      KeyValue kv = out.getKvs(i);
      out.setKvs(i, kv.toBuilder().setCreateRevision(Math.min(kv.getCreateRevision(), ceiling))
          .setModRevision(Math.min(kv.getModRevision(), ceiling)));
    }
    for (int i = 0; i < out.getRegistrantsCount(); i++) {
      Registrant r = out.getRegistrants(i);
      out.setRegistrants(i, r.toBuilder().setCreateRevision(Math.min(r.getCreateRevision(), ceiling))
          .setModRevision(Math.min(r.getModRevision(), ceiling)));
    }
    for (int i = 0; i < out.getAclTokensCount(); i++) {
      StoredToken entry = out.getAclTokens(i);
      AclToken t = entry.getToken();
      AclToken lowered = t.toBuilder().setCreateRevision(Math.min(t.getCreateRevision(), ceiling))
          .setRotateRevision(Math.min(t.getRotateRevision(), ceiling)).build();
      out.setAclTokens(i, entry.toBuilder().setToken(lowered)
          .setStateRevision(Math.min(entry.getStateRevision(), ceiling)));
    }
    return out.setRevision(ceiling).build();
  }

  /** Names the first recorded revision above the snapshot's own. */
  static void check(RegistrySnapshot s) {
    long max = s.getRevision();
    for (int i = 0; i < s.getKvsCount(); i++) {
      atMost("kvs[" + i + "].mod_revision", s.getKvs(i).getModRevision(), max);
      atMost("kvs[" + i + "].create_revision", s.getKvs(i).getCreateRevision(), max);
    }
    for (int i = 0; i < s.getRegistrantsCount(); i++) {
      atMost("registrants[" + i + "].mod_revision", s.getRegistrants(i).getModRevision(), max);
      atMost("registrants[" + i + "].create_revision", s.getRegistrants(i).getCreateRevision(), max);
    }
    for (int i = 0; i < s.getAclTokensCount(); i++) {
      StoredToken entry = s.getAclTokens(i);
      atMost("acl_tokens[" + i + "].state_revision", entry.getStateRevision(), max);
      atMost("acl_tokens[" + i + "].token.create_revision", entry.getToken().getCreateRevision(), max);
      atMost("acl_tokens[" + i + "].token.rotate_revision", entry.getToken().getRotateRevision(), max);
    }
  }

  private static void atMost(String field, long value, long revision) {
    if (value > revision) {
      throw Rejection.invalid(field, value + " (expected: <= the snapshot's revision " + revision + ")");
    }
  }
}
