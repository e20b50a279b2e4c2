package dev.synod.node.api;

import dev.synod.consensus.AppliedListener;
import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.EventsRequest;
import dev.synod.proto.v1.EventsResponse;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.QueryResult;
import dev.synod.proto.v1.WatchRequest;
import dev.synod.proto.v1.WatchResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves watch streams from the registry's retained events. Every applied entry wakes the streams, which
 * read their next events locally; a slow client is paused by gRPC flow control, not buffered without bound.
 */
public final class WatchHub implements AppliedListener, AutoCloseable {
  static final int PAGE = 256;

  private final RegistryGateway gateway;
  private final Set<WatchStream> streams = ConcurrentHashMap.newKeySet();
  private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "synod-watch");
    t.setDaemon(true);
    return t;
  });

  public WatchHub(RegistryGateway gateway) {
    this.gateway = gateway;
  }

  /** Starts a stream for the request; the first response has created = true. */
  public void open(WatchRequest request, StreamObserver<WatchResponse> observer) {
    if (request.getStartRevision() < 0) {
      observer.onError(Status.INVALID_ARGUMENT.withDescription(
          "start_revision: " + request.getStartRevision() + " (expected: >= 0)").asRuntimeException());
      return;
    }
    long current;
    try {
      current = gateway.raft().require().status().appliedRevision();
    } catch (RuntimeException e) {
      observer.onError(UnaryCalls.toStatusException(e));
      return;
    }
    long start = request.getStartRevision() == 0 ? current + 1 : request.getStartRevision();
    var call = (ServerCallStreamObserver<WatchResponse>) observer;
    WatchStream stream = new WatchStream(request, start, call);
    streams.add(stream);
    call.setOnCancelHandler(() -> streams.remove(stream));
    call.setOnReadyHandler(() -> schedule(stream));
    call.onNext(WatchResponse.newBuilder().setHeader(gateway.header(current)).setCreated(true).build());
    schedule(stream);
  }

  @Override
  public void onApplied(long index) {
    for (WatchStream s : streams) {
      schedule(s);
    }
  }

  /** No stream, nothing to wake; a stream opened later drains from its own start revision when it opens. */
  @Override
  public boolean wantsApplied() {
    return !streams.isEmpty();
  }

  public int openStreams() {
    return streams.size();
  }

  private void schedule(WatchStream stream) {
    stream.wake(executor, () -> drain(stream));
  }

  private void drain(WatchStream stream) {
    try {
      while (streams.contains(stream) && stream.call().isReady()) {
        QueryResult result = gateway.readLocal(Query.newBuilder().setEvents(EventsRequest.newBuilder()
            .setFilter(stream.filter()).setFromRevision(stream.cursor()).setLimit(PAGE)).build());
        if (result.hasError()) {
          fail(stream, result);
          return;
        }
        EventsResponse events = result.getEvents();
        if (!events.getEventsList().isEmpty()) {
          stream.call().onNext(WatchResponse.newBuilder().setHeader(gateway.header(events.getScannedTo()))
              .addAllEvents(events.getEventsList()).build());
          stream.advanceTo(events.getEvents(events.getEventsCount() - 1).getRevision() + 1);
        }
        if (events.getEventsCount() < PAGE) {
          stream.advanceTo(events.getScannedTo() + 1);
          return;
        }
      }
    } catch (RuntimeException e) {
      streams.remove(stream);
      stream.call().onError(UnaryCalls.toStatusException(e));
    }
  }

  private void fail(WatchStream stream, QueryResult result) {
    streams.remove(stream);
    if (result.getError().getCode() == ErrorCode.COMPACTED) {
      long compacted = compactRevision();
      stream.call().onNext(WatchResponse.newBuilder().setHeader(gateway.header(result.getRevision()))
          .setCompactRevision(compacted).build());
    }
    stream.call().onError(StatusMapping.toStatus(result.getError()).asRuntimeException());
  }

  private long compactRevision() {
    QueryResult probe = gateway.readLocal(Query.newBuilder().setEvents(EventsRequest.newBuilder()
        .setFromRevision(Long.MAX_VALUE).setLimit(1)).build());
    return probe.getEvents().getCompactRevision();
  }

  @Override
  public void close() {
    for (WatchStream s : streams) {
      s.call().onError(Status.UNAVAILABLE.withDescription("node shutting down; resume from the last revision")
          .asRuntimeException());
    }
    streams.clear();
    executor.shutdownNow();
  }
}
