package dev.synod.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.EventsResponse;
import dev.synod.proto.v1.KvEventType;
import dev.synod.proto.v1.RegistrantEventType;
import dev.synod.proto.v1.RegistrantKind;
import dev.synod.proto.v1.RegistrantState;
import dev.synod.proto.v1.RegistryError;
import dev.synod.proto.v1.WatchEvent;
import dev.synod.proto.v1.WatchRequest;
import dev.synod.proto.v1.WatchTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventsTest {
  @Test
  void kvChangesProduceEventsWithPreviousValue() {
    Driver d = new Driver();
    d.ok(Commands.put("a", "1"));
    d.ok(Commands.put("a", "2"));
    d.ok(Commands.delete("a"));
    List<WatchEvent> events = d.query(Commands.events(1)).getEvents().getEventsList();

    assertThat(events).extracting(WatchEvent::getRevision).containsExactly(1L, 2L, 3L);
    assertThat(events.get(0).getKv().hasPrev()).isFalse();
    assertThat(events.get(1).getKv().getPrev().getValue().toStringUtf8()).isEqualTo("1");
    assertThat(events.get(2).getKv().getType()).isEqualTo(KvEventType.KV_EVENT_DELETE);
    assertThat(events.get(2).getKv().getKv().getModRevision()).isEqualTo(3);
    assertThat(events.get(2).getKv().getPrev().getValue().toStringUtf8()).isEqualTo("2");
  }

  @Test
  void registrantChangesProduceRegistrantEvents() {
    Driver d = new Driver();
    d.ok(Commands.register(RegistrantKind.WORKER, "w1"));
    d.ok(Commands.heartbeat(RegistrantKind.WORKER, "w1")); // renewal, not a change: no event
    d.ok(Commands.deregister(RegistrantKind.WORKER, "w1"));
    List<WatchEvent> events = d.query(Commands.events(1)).getEvents().getEventsList();
    assertThat(events).extracting(e -> e.getRegistrant().getType())
        .containsExactly(RegistrantEventType.REGISTRANT_UPSERT, RegistrantEventType.REGISTRANT_REMOVED);
    assertThat(events).extracting(WatchEvent::getRevision).containsExactly(1L, 3L);
  }

  @Test
  void watchFromCompactedRevisionIsRejected() {
    Driver d = new Driver(Limits.eventHistory(3));
    for (int i = 0; i < 5; i++) {
      d.ok(Commands.put("k" + i, "v"));
    }
    RegistryError error = d.query(Commands.events(2)).getError();
    assertThat(error.getCode()).isEqualTo(ErrorCode.COMPACTED);
    assertThat(error.getField()).isEqualTo("from_revision");
    assertThat(error.getMessage()).contains("from_revision: 2").contains("compact_revision 2");

    EventsResponse ok = d.query(Commands.events(3)).getEvents();
    assertThat(ok.getCompactRevision()).isEqualTo(2);
    assertThat(ok.getEventsList()).extracting(WatchEvent::getRevision).containsExactly(3L, 4L, 5L);
    assertThat(ok.getScannedTo()).isEqualTo(5);
  }

  @Test
  void compactionDropsWholeRevisions() {
    Driver d = new Driver(Limits.eventHistory(3));
    d.ok(Commands.put("p/1", "v"));
    d.ok(Commands.put("p/2", "v"));
    d.ok(Commands.put("p/3", "v"));
    d.ok(Commands.deletePrefix("p/")); // three events at revision 4: 6 events, capacity 3
    d.ok(Commands.put("q", "v"));     // dropping one of revision 4's events drops all of them

    EventsResponse events = d.query(Commands.events(5)).getEvents();
    assertThat(events.getCompactRevision()).isEqualTo(4);
    assertThat(events.getEventsList()).extracting(WatchEvent::getRevision).containsExactly(5L);
    assertThat(d.registry.snapshot().getEventsList()).hasSize(1);
  }

  @Test
  void eventsAreFilteredByTargetPrefixAndKind() {
    Driver d = new Driver();
    d.ok(Commands.put("cfg/a", "1"));
    d.ok(Commands.put("other", "1"));
    d.ok(Commands.register(RegistrantKind.WORKER, "w1"));
    d.ok(Commands.register(RegistrantKind.FILE_SERVER, "fs1"));

    WatchRequest kv = WatchRequest.newBuilder().setTarget(WatchTarget.WATCH_KV)
        .setPrefix(ByteString.copyFromUtf8("cfg/")).build();
    assertThat(d.query(Commands.events(kv, 1, 0)).getEvents().getEventsList())
        .extracting(WatchEvent::getRevision).containsExactly(1L);
    WatchRequest workers = WatchRequest.newBuilder().setTarget(WatchTarget.WATCH_REGISTRANTS)
        .setKind(RegistrantKind.WORKER).build();
    assertThat(d.query(Commands.events(workers, 1, 0)).getEvents().getEventsList())
        .extracting(WatchEvent::getRevision).containsExactly(3L);
    assertThat(d.query(Commands.events(1)).getEvents().getEventsList()).hasSize(4);
  }

  @Test
  void eventLimitNeverSplitsARevisionAndReportsWhereToResume() {
    Driver d = new Driver();
    d.ok(Commands.put("a", "v"));
    d.ok(Commands.put("p/1", "v"));
    d.ok(Commands.put("p/2", "v"));
    d.ok(Commands.deletePrefix("p/")); // revision 4: two events
    d.ok(Commands.put("z", "v"));

    EventsResponse page = d.query(Commands.events(WatchRequest.getDefaultInstance(), 1, 4)).getEvents();
    assertThat(page.getEventsList()).extracting(WatchEvent::getRevision).containsExactly(1L, 2L, 3L, 4L, 4L);
    assertThat(page.getScannedTo()).isEqualTo(4);
    EventsResponse small = d.query(Commands.events(WatchRequest.getDefaultInstance(), 1, 2)).getEvents();
    assertThat(small.getEventsList()).extracting(WatchEvent::getRevision).containsExactly(1L, 2L);
    assertThat(small.getScannedTo()).isEqualTo(2);
  }

  @Test
  void rejectedCommandRecordsNoEvents() {
    Driver d = new Driver();
    d.ok(Commands.put("a", "1"));
    d.rejected(Commands.batch(Commands.put("b", "1"), Commands.revoke(7)));
    assertThat(d.query(Commands.events(1)).getEvents().getEventsList()).hasSize(1);
    assertThat(d.query(Commands.events(1)).getEvents().getScannedTo()).isEqualTo(2);
  }

  @Test
  void leaseExpiryRecordsKeyDeletesAndRegistrantGoingDown() {
    Driver d = new Driver();
    long lease = d.ok(Commands.register(RegistrantKind.WORKER, "w1")).getRegister().getRegistrant().getLeaseId();
    d.ok(Commands.put("workers/w1", "up", lease));
    d.advance(10_000);
    d.ok(Commands.expire());

    List<WatchEvent> events = d.query(Commands.events(3)).getEvents().getEventsList();
    assertThat(events).hasSize(2);
    assertThat(events.get(0).getKv().getType()).isEqualTo(KvEventType.KV_EVENT_DELETE);
    assertThat(events.get(1).getRegistrant().getRegistrant().getState()).isEqualTo(RegistrantState.DOWN);
  }
}
