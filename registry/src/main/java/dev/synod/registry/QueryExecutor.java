package dev.synod.registry;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.AclListResult;
import dev.synod.proto.v1.AclLookupResult;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.GetResponse;
import dev.synod.proto.v1.KeyValue;
import dev.synod.proto.v1.LeaseListResponse;
import dev.synod.proto.v1.ListRegistrantsRequest;
import dev.synod.proto.v1.ListRegistrantsResponse;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.QueryResult;
import dev.synod.proto.v1.RangeRequest;
import dev.synod.proto.v1.RangeResponse;
import dev.synod.proto.v1.Registrant;
import dev.synod.proto.v1.RegistrantKind;
import dev.synod.proto.v1.ResponseHeader;
import dev.synod.proto.v1.SigningCa;
import dev.synod.proto.v1.SigningCaResult;
import dev.synod.proto.v1.StoredToken;
import dev.synod.proto.v1.TokenState;
import java.util.NavigableMap;

/** Read-only answers over the current state. Read consistency is the node's concern, not ours. */
final class QueryExecutor {
  private QueryExecutor() {}

  static QueryResult execute(RegistryState state, RegistryLimits limits, Query q) {
    long rev = state.revision();
    QueryResult.Builder out = QueryResult.newBuilder().setRevision(rev);
    try {
      switch (q.getQCase()) {
        case GET -> out.setGet(get(state, limits, q.getGet()));
        case RANGE -> out.setRange(range(state, limits, q.getRange()));
        case LEASE_LIST -> out.setLeaseList(LeaseListResponse.newBuilder()
            .setHeader(header(rev)).addAllLeases(state.leases.all()));
        case LIST_REGISTRANTS -> out.setListRegistrants(registrants(state, q.getListRegistrants()));
        case EVENTS -> out.setEvents(EventQuery.execute(state, limits, q.getEvents()));
        case SNAPSHOT -> out.setSnapshot(SnapshotCodec.snapshot(state));
        case ACL_LOOKUP -> out.setAclLookup(aclLookup(state, q.getAclLookup().getSecretSha256()));
        case ACL_LIST -> out.setAclList(aclList(state));
        case SIGNING_CA -> out.setSigningCa(signingCa(state));
        case Q_NOT_SET -> throw Rejection.invalid("q", "not set (expected: one of get, range, lease_list,"
            + " list_registrants, events, snapshot, acl_lookup, acl_list, signing_ca)");
      }
    } catch (Rejection r) {
      out.setError(r.error());
    }
    return out.build();
  }

  private static GetResponse get(RegistryState state, RegistryLimits limits, GetRequest req) {
    CommandValidator.key("key", req.getKey(), limits);
    GetResponse.Builder out = GetResponse.newBuilder().setHeader(header(state.revision()));
    KeyValue kv = state.kv.get(req.getKey());
    if (kv != null) {
      out.setKv(kv);
    }
    return out.build();
  }

  private static RangeResponse range(RegistryState state, RegistryLimits limits, RangeRequest req) {
    ByteString prefix = req.getPrefix();
    ByteString after = req.getAfterKey();
    CommandValidator.keySize("prefix", prefix, limits);
    CommandValidator.keySize("after_key", after, limits);
    int limit = pageSize("limit", req.getLimit(), limits);
    // Keys with a prefix are contiguous, so start at the later of the prefix and the page cursor.
    boolean afterCursor = !after.isEmpty() && KvTable.ORDER.compare(after, prefix) >= 0;
    NavigableMap<ByteString, KeyValue> view = afterCursor ? state.kv.from(after, false) : state.kv.from(prefix, true);
    RangeResponse.Builder out = RangeResponse.newBuilder().setHeader(header(state.revision()));
    for (KeyValue kv : view.values()) {
      if (!kv.getKey().startsWith(prefix)) {
        break;
      }
      if (out.getKvsCount() == limit) {
        out.setMore(true);
        break;
      }
      out.addKvs(req.getKeysOnly() ? kv.toBuilder().clearValue().build() : kv);
    }
    return out.build();
  }

  private static ListRegistrantsResponse registrants(RegistryState state, ListRegistrantsRequest req) {
    RegistrantKind kind = req.getKind();
    if (kind == RegistrantKind.UNRECOGNIZED) {
      throw Rejection.invalid("kind", req.getKindValue() + " (expected: FILE_SERVER, WORKER or unspecified for both)");
    }
    ListRegistrantsResponse.Builder out = ListRegistrantsResponse.newBuilder().setHeader(header(state.revision()));
    for (Registrant r : state.registrants.all()) {
      if (kind == RegistrantKind.REGISTRANT_KIND_UNSPECIFIED || r.getKind() == kind) {
        out.addRegistrants(r);
      }
    }
    return out.build();
  }

  /** The entry for a secret hash, tombstones included; TOKEN_STATE_UNSPECIFIED and no token when unknown. */
  private static AclLookupResult aclLookup(RegistryState state, ByteString secretSha256) {
    AclCommandValidator.sha256("secret_sha256", secretSha256);
    StoredToken entry = state.acl.byHash(secretSha256);
    if (entry == null) {
      return AclLookupResult.newBuilder().setState(TokenState.TOKEN_STATE_UNSPECIFIED).build();
    }
    return AclLookupResult.newBuilder().setState(entry.getState()).setToken(entry.getToken()).build();
  }

  /** Active tokens by accessor id; expired ones included, since only the node knows the time. */
  private static AclListResult aclList(RegistryState state) {
    AclListResult.Builder out = AclListResult.newBuilder().setBootstrapped(state.acl.bootstrapped());
    for (StoredToken entry : state.acl.currentEntries()) {
      if (entry.getState() == TokenState.TOKEN_ACTIVE) {
        out.addTokens(entry.getToken());
      }
    }
    return out.build();
  }

  private static SigningCaResult signingCa(RegistryState state) {
    SigningCa ca = state.signingCa();
    return ca == null ? SigningCaResult.getDefaultInstance() : SigningCaResult.newBuilder().setCa(ca).build();
  }

  /** A requested page size: 0 means the default; above the maximum is refused rather than clamped. */
  static int pageSize(String field, int requested, RegistryLimits limits) {
    if (requested < 0) {
      throw Rejection.invalid(field, requested + " (expected: >= 0)");
    }
    if (requested > limits.maxRangeLimit()) {
      throw Rejection.limit(field, requested + " (expected: <= " + limits.maxRangeLimit() + ")");
    }
    return requested == 0 ? limits.defaultRangeLimit() : requested;
  }

  static ResponseHeader header(long rev) {
    return ResponseHeader.newBuilder().setRevision(rev).build();
  }
}
