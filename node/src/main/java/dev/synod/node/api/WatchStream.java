package dev.synod.node.api;

import dev.synod.proto.v1.WatchRequest;
import dev.synod.proto.v1.WatchResponse;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** One open watch: its filter, the next revision to deliver, and a serial drain loop. */
final class WatchStream {
  private final WatchRequest filter;
  private final ServerCallStreamObserver<WatchResponse> call;
  // Work-in-progress counter: drains of one stream never overlap, and a wake-up during a drain is not lost.
  private final AtomicInteger wip = new AtomicInteger();
  private volatile long cursor;

  WatchStream(WatchRequest filter, long cursor, ServerCallStreamObserver<WatchResponse> call) {
    this.filter = filter;
    this.cursor = cursor;
    this.call = call;
  }

  WatchRequest filter() {
    return filter;
  }

  ServerCallStreamObserver<WatchResponse> call() {
    return call;
  }

  long cursor() {
    return cursor;
  }

  void advanceTo(long next) {
    if (next > cursor) {
      cursor = next;
    }
  }

  void wake(Executor executor, Runnable drainOnce) {
    if (wip.getAndIncrement() == 0) {
      executor.execute(() -> {
        int missed = 1;
        do {
          drainOnce.run();
          missed = wip.addAndGet(-missed);
        } while (missed != 0);
      });
    }
  }
}
