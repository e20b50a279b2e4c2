package dev.synod.client;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs unary calls: one deadline per attempt, the target chosen by {@link ChannelPool}, and retries
 * with backoff as the {@link CallPolicy} allows. Everything is asynchronous; blocking callers join.
 */
final class UnaryCaller {
  private static final Logger log = LoggerFactory.getLogger(UnaryCaller.class);

  private final ChannelPool pool;
  private final ScheduledExecutorService scheduler;
  private final Duration deadline;
  private final int maxRetries;
  private final Backoff backoff;

  UnaryCaller(ChannelPool pool, ScheduledExecutorService scheduler, Duration deadline, int maxRetries,
      Backoff backoff) {
    this.pool = pool;
    this.scheduler = scheduler;
    this.deadline = deadline;
    this.maxRetries = maxRetries;
    this.backoff = backoff;
  }

  <Q, R> CompletableFuture<R> call(MethodDescriptor<Q, R> method, Q request, CallPolicy policy) {
    return new Attempts<>(method, request, policy, null).start();
  }

  /** Calls one fixed endpoint; retries (if the policy allows) stay on it. */
  <Q, R> CompletableFuture<R> callAt(String endpoint, MethodDescriptor<Q, R> method, Q request,
      CallPolicy policy) {
    return new Attempts<>(method, request, policy, endpoint).start();
  }

  <Q, R> R await(MethodDescriptor<Q, R> method, Q request, CallPolicy policy) {
    return join(call(method, request, policy));
  }

  static <R> R join(CompletableFuture<R> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SynodException se) {
        throw se.onCallerThread();
      }
      throw SynodException.of(Status.fromThrowable(cause), 1, null);
    } catch (CancellationException e) {
      throw new SynodException(Status.Code.CANCELLED, "call cancelled");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new SynodException(Status.Code.CANCELLED, "interrupted while waiting for the call");
    }
  }

  /** The attempt never reached a server: its TCP connection was refused or could not be opened. */
  static boolean refused(Status status) {
    for (Throwable c = status.getCause(); c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  /** The attempts of one logical call. */
  private final class Attempts<Q, R> {
    private final MethodDescriptor<Q, R> method;
    private final Q request;
    private final CallPolicy policy;
    private final String fixed;
    private final CompletableFuture<R> result = new CompletableFuture<>();
    private volatile ClientCall<Q, R> current;

    Attempts(MethodDescriptor<Q, R> method, Q request, CallPolicy policy, String fixed) {
      this.method = method;
      this.request = request;
      this.policy = policy;
      this.fixed = fixed;
      result.whenComplete((r, t) -> {
        ClientCall<Q, R> c = current;
        if (result.isCancelled() && c != null) {
          c.cancel("cancelled by the caller", null);
        }
      });
    }

    CompletableFuture<R> start() {
      attempt(1, null);
      return result;
    }

    private void attempt(int n, String failed) {
      if (result.isDone()) {
        return;
      }
      String target = fixed != null ? fixed : pool.pick(policy, failed);
      ClientCall<Q, R> call;
      try {
        call = pool.channel(target).newCall(method,
            CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS));
      } catch (RuntimeException e) {
        result.completeExceptionally(e instanceof SynodException ? e
            : SynodException.of(Status.fromThrowable(e), n, target));
        return;
      }
      current = call;
      ClientCalls.asyncUnaryCall(call, request, new StreamObserver<R>() {
        @Override
        public void onNext(R value) {
          pool.observe(value);
          result.complete(value);
        }

        @Override
        public void onError(Throwable t) {
          failed(n, target, t);
        }

        @Override
        public void onCompleted() {}
      });
    }

    private void failed(int n, String target, Throwable t) {
      Status status = Status.fromThrowable(t);
      pool.observeFailure(target, status, Status.trailersFromThrowable(t));
      if (!policy.retries(status.getCode(), refused(status)) || n > maxRetries || result.isDone()) {
        result.completeExceptionally(SynodException.of(status, n, target));
        return;
      }
      long delay = backoff.delayMillis(n);
      log.debug("{} attempt {} on {} failed with {}; retrying in {} ms",
          method.getBareMethodName(), n, target, status.getCode(), delay);
      try {
        scheduler.schedule(() -> attempt(n + 1, target), delay, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        result.completeExceptionally(SynodException.of(status, n, target));
      }
    }
  }
}
