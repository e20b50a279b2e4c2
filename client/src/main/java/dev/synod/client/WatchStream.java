package dev.synod.client;

import dev.synod.proto.v1.WatchEvent;
import dev.synod.proto.v1.WatchRequest;
import dev.synod.proto.v1.WatchResponse;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch that survives stream failures: on UNAVAILABLE, a normal end of stream, or a stream not
 * created within the deadline, it reconnects (next endpoint, with backoff) asking for the last
 * delivered revision + 1. It assumes the server never splits one revision's events across two
 * responses. Compaction and other statuses end it.
 */
final class WatchStream implements WatchHandle {
  private static final Logger log = LoggerFactory.getLogger(WatchStream.class);

  private final ChannelPool pool;
  private final MethodDescriptor<WatchRequest, WatchResponse> method;
  private final WatchRequest request;
  private final WatchListener listener;
  private final ScheduledExecutorService scheduler;
  private final Duration createDeadline;
  private final int maxRetries;
  private final Backoff backoff;
  private final Consumer<WatchStream> onEnd;

  private final Object lock = new Object();
  private volatile long lastRevision;
  private int failures;
  private boolean ended;
  private ClientCall<WatchRequest, WatchResponse> current;

  WatchStream(ChannelPool pool, MethodDescriptor<WatchRequest, WatchResponse> method,
      WatchRequest request, WatchListener listener, ScheduledExecutorService scheduler,
      Duration createDeadline, int maxRetries, Backoff backoff, Consumer<WatchStream> onEnd) {
    this.pool = pool;
    this.method = method;
    this.request = request;
    this.listener = listener;
    this.scheduler = scheduler;
    this.createDeadline = createDeadline;
    this.maxRetries = maxRetries;
    this.backoff = backoff;
    this.onEnd = onEnd;
    this.lastRevision = request.getStartRevision() > 0 ? request.getStartRevision() - 1 : -1;
  }

  void start() {
    connect(null);
  }

  @Override
  public long lastRevision() {
    return lastRevision;
  }

  @Override
  public boolean isActive() {
    synchronized (lock) {
      return !ended;
    }
  }

  @Override
  public void close() {
    ClientCall<WatchRequest, WatchResponse> call;
    synchronized (lock) {
      if (ended) {
        return;
      }
      ended = true;
      call = current;
    }
    if (call != null) {
      call.cancel("watch closed by the client", null);
    }
    onEnd.accept(this);
  }

  private void connect(String failed) {
    long start = lastRevision >= 0 ? lastRevision + 1 : 0;
    WatchRequest req = request.toBuilder().setStartRevision(start).build();
    String target = pool.pick(CallPolicy.READ, failed);
    ClientCall<WatchRequest, WatchResponse> call;
    synchronized (lock) {
      if (ended) {
        return;
      }
      try {
        call = pool.channel(target).newCall(method, CallOptions.DEFAULT);
      } catch (SynodException e) {
        return;
      }
      current = call;
    }
    Attempt attempt = new Attempt(call, target, start);
    call.start(attempt, new Metadata());
    call.sendMessage(req);
    call.halfClose();
    call.request(1);
    try {
      attempt.timer = scheduler.schedule(attempt::checkCreated, createDeadline.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException ignored) {
      // The client is closing; close() cancels the call.
    }
  }

  private void end(SynodException error) {
    synchronized (lock) {
      if (ended) {
        return;
      }
      ended = true;
    }
    onEnd.accept(this);
    listener.onError(error);
  }

  /** Listener of one connection; gRPC serializes its callbacks. */
  private final class Attempt extends ClientCall.Listener<WatchResponse> {
    private final ClientCall<WatchRequest, WatchResponse> call;
    private final String target;
    private final long start;
    private volatile boolean created;
    private volatile ScheduledFuture<?> timer;
    private boolean done;

    Attempt(ClientCall<WatchRequest, WatchResponse> call, String target, long start) {
      this.call = call;
      this.target = target;
      this.start = start;
    }

    void checkCreated() {
      if (!created) {
        call.cancel("watch not created within " + createDeadline, null);
      }
    }

    private void stopTimer() {
      ScheduledFuture<?> t = timer;
      if (t != null) {
        t.cancel(false);
      }
    }

    @Override
    public void onMessage(WatchResponse response) {
      if (done || !isActive()) {
        return;
      }
      pool.observe(response);
      if (response.getCompactRevision() > 0) {
        done = true;
        call.cancel("compacted", null);
        end(new WatchCompactedException(start, response.getCompactRevision(), target));
        return;
      }
      try {
        if (response.getCreated()) {
          created = true;
          stopTimer();
          synchronized (lock) {
            failures = 0;
          }
          if (lastRevision < 0 && response.getHeader().getRevision() > 0) {
            lastRevision = response.getHeader().getRevision();
          }
          listener.onCreated(response.getHeader());
        }
        for (WatchEvent event : response.getEventsList()) {
          if (start > 0 && event.getRevision() < start) {
            continue; // already delivered before the reconnect
          }
          listener.onEvent(event);
          lastRevision = Math.max(lastRevision, event.getRevision());
        }
      } catch (RuntimeException e) {
        log.warn("watch listener failed; ending the watch", e);
        done = true;
        call.cancel("listener failed", e);
        end(new SynodException(Status.Code.CANCELLED, "watch listener threw " + e, 1, target, e));
        return;
      }
      call.request(1);
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      if (done) {
        return;
      }
      done = true;
      stopTimer();
      pool.observeFailure(target, status, trailers);
      boolean retryable = status.isOk() || status.getCode() == Status.Code.UNAVAILABLE
          || (status.getCode() == Status.Code.CANCELLED && !created);
      int n;
      synchronized (lock) {
        if (ended) {
          return;
        }
        n = ++failures;
      }
      if (!retryable || n > maxRetries) {
        end(SynodException.of(status.isOk()
            ? Status.UNAVAILABLE.withDescription("watch stream ended by the server") : status, n, target));
        return;
      }
      long delay = backoff.delayMillis(n);
      log.debug("watch on {} ended with {}; reconnecting from revision {} in {} ms",
          target, status.getCode(), lastRevision + 1, delay);
      try {
        scheduler.schedule(() -> connect(target), delay, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        end(SynodException.of(status, n, target));
      }
    }
  }
}
