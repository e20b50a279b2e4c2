package dev.synod.registry;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.CasRequest;
import dev.synod.proto.v1.CasResponse;
import dev.synod.proto.v1.DeleteRequest;
import dev.synod.proto.v1.DeleteResponse;
import dev.synod.proto.v1.KeyValue;
import dev.synod.proto.v1.KvEvent;
import dev.synod.proto.v1.KvEventType;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.PutResponse;
import dev.synod.proto.v1.ResponseHeader;
import dev.synod.proto.v1.WatchEvent;
import java.util.ArrayList;
import java.util.List;

/** Put, delete and compare-and-set on the KV store; every change is recorded as a KV event. */
final class KvWrites {
  private final RegistryState state;

  KvWrites(RegistryState state) {
    this.state = state;
  }

  PutResponse put(long rev, PutRequest req) {
    requireLease(req.getLeaseId());
    KeyValue prev = state.kv.get(req.getKey());
    KeyValue kv = write(rev, req.getKey(), req.getValue(), req.getLeaseId());
    PutResponse.Builder out = PutResponse.newBuilder().setHeader(header(rev)).setKv(kv);
    if (req.getReturnPrev() && prev != null) {
      out.setPrev(prev);
    }
    return out.build();
  }

  CasResponse cas(long rev, CasRequest req) {
    requireLease(req.getLeaseId());
    KeyValue current = state.kv.get(req.getKey());
    long expected = req.getExpectedModRevision();
    if (current == null && expected != 0) {
      throw Rejection.notFound("key", Rejection.keyText(req.getKey())
          + " does not exist (expected_mod_revision: " + expected + "; use 0 to create)");
    }
    CasResponse.Builder out = CasResponse.newBuilder().setHeader(header(rev));
    long actual = current == null ? 0 : current.getModRevision();
    if (actual != expected) {
      // A lost race is an answer, not an error: the caller gets the value it has to reconcile with.
      return out.setSucceeded(false).setKv(current).build();
    }
    return out.setSucceeded(true).setKv(write(rev, req.getKey(), req.getValue(), req.getLeaseId())).build();
  }

  DeleteResponse delete(long rev, DeleteRequest req) {
    DeleteResponse.Builder out = DeleteResponse.newBuilder().setHeader(header(rev));
    if (req.getPrefix()) {
      List<ByteString> doomed = new ArrayList<>();
      for (ByteString key : state.kv.from(req.getKey(), true).keySet()) {
        if (!key.startsWith(req.getKey())) {
          break;
        }
        doomed.add(key);
      }
      for (ByteString key : doomed) {
        out.addPrev(remove(rev, key));
      }
    } else {
      KeyValue current = state.kv.get(req.getKey());
      long expected = req.getExpectedModRevision();
      // A conditional delete that does not match deletes nothing, like a CAS mismatch.
      if (current != null && (expected == 0 || current.getModRevision() == expected)) {
        out.addPrev(remove(rev, req.getKey()));
      }
    }
    return out.setDeleted(out.getPrevCount()).build();
  }

  /** Writes a key unconditionally and records the PUT event. */
  KeyValue write(long rev, ByteString key, ByteString value, long leaseId) {
    KeyValue prev = state.kv.get(key);
    KeyValue kv = KeyValue.newBuilder()
        .setKey(key)
        .setValue(value)
        .setCreateRevision(prev == null ? rev : prev.getCreateRevision())
        .setModRevision(rev)
        .setVersion(prev == null ? 1 : prev.getVersion() + 1)
        .setLeaseId(leaseId)
        .build();
    state.kv.put(kv);
    KvEvent.Builder event = KvEvent.newBuilder().setType(KvEventType.KV_EVENT_PUT).setKv(kv);
    if (prev != null) {
      event.setPrev(prev);
    }
    state.events.append(WatchEvent.newBuilder().setRevision(rev).setKv(event).build());
    return kv;
  }

  /** Deletes an existing key, records the DELETE event and returns the deleted key-value. */
  KeyValue remove(long rev, ByteString key) {
    KeyValue prev = state.kv.remove(key);
    KeyValue tombstone = KeyValue.newBuilder().setKey(key).setModRevision(rev).build();
    state.events.append(WatchEvent.newBuilder().setRevision(rev)
        .setKv(KvEvent.newBuilder().setType(KvEventType.KV_EVENT_DELETE).setKv(tombstone).setPrev(prev))
        .build());
    return prev;
  }

  private void requireLease(long leaseId) {
    if (leaseId != 0 && state.leases.get(leaseId) == null) {
      throw Rejection.notFound("lease_id", leaseId + " does not exist (expected: a granted, unexpired lease or 0)");
    }
  }

  static ResponseHeader header(long rev) {
    return ResponseHeader.newBuilder().setRevision(rev).build();
  }
}
