package dev.synod.registry;

import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.EventsRequest;
import dev.synod.proto.v1.EventsResponse;
import dev.synod.proto.v1.RegistrantKind;
import dev.synod.proto.v1.WatchEvent;
import dev.synod.proto.v1.WatchRequest;
import dev.synod.proto.v1.WatchTarget;
import java.util.List;

/** Reads the retained event history from a revision on, filtered as a watch would be. */
final class EventQuery {
  private EventQuery() {}

  /**
   * Matching events with revision >= from_revision. A page never splits a revision: when the limit
   * cuts the answer short, scanned_to is the revision before the first event left out, so resuming
   * at scanned_to + 1 loses nothing. Otherwise scanned_to is the current revision. from_revision 0
   * reads the whole retained history, unless some of it was compacted (then it is COMPACTED too).
   * The filter's own start_revision is ignored: from_revision says where to start.
   */
  static EventsResponse execute(RegistryState state, RegistryLimits limits, EventsRequest req) {
    WatchRequest filter = req.getFilter();
    if (filter.getTarget() == WatchTarget.UNRECOGNIZED) {
      throw Rejection.invalid("filter.target", filter.getTargetValue() + " (expected: WATCH_KV, WATCH_REGISTRANTS"
          + " or unspecified for both)");
    }
    if (filter.getKind() == RegistrantKind.UNRECOGNIZED) {
      throw Rejection.invalid("filter.kind", filter.getKindValue() + " (expected: FILE_SERVER, WORKER"
          + " or unspecified for both)");
    }
    CommandValidator.keySize("filter.prefix", filter.getPrefix(), limits);
    int limit = QueryExecutor.pageSize("limit", req.getLimit(), limits);
    long from = req.getFromRevision();
    if (from < 0) {
      throw Rejection.invalid("from_revision", from + " (expected: >= 0)");
    }
    long compacted = state.events.compactRevision();
    if (compacted > 0 && from <= compacted) {
      throw Rejection.of(ErrorCode.COMPACTED, "from_revision", from + " is compacted (expected: > compact_revision "
          + compacted + "; events up to revision " + compacted + " are no longer retained)");
    }
    EventsResponse.Builder out = EventsResponse.newBuilder()
        .setCompactRevision(compacted)
        .setScannedTo(state.revision());
    List<WatchEvent> events = state.events.retained();
    long lastRevision = -1;
    for (int i = state.events.indexOf(from); i < events.size(); i++) {
      WatchEvent e = events.get(i);
      if (!matches(filter, e)) {
        continue;
      }
      if (out.getEventsCount() >= limit && e.getRevision() != lastRevision) {
        out.setScannedTo(e.getRevision() - 1);
        break;
      }
      out.addEvents(e);
      lastRevision = e.getRevision();
    }
    return out.build();
  }

  static boolean matches(WatchRequest filter, WatchEvent e) {
    WatchTarget target = filter.getTarget();
    return switch (e.getEventCase()) {
      case KV -> target != WatchTarget.WATCH_REGISTRANTS && e.getKv().getKv().getKey().startsWith(filter.getPrefix());
      case REGISTRANT -> target != WatchTarget.WATCH_KV
          && (filter.getKind() == RegistrantKind.REGISTRANT_KIND_UNSPECIFIED
              || filter.getKind() == e.getRegistrant().getRegistrant().getKind());
      case EVENT_NOT_SET -> false;
    };
  }
}
