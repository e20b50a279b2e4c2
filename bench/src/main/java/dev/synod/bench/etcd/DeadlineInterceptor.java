package dev.synod.bench.etcd;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives every call a deadline: jetcd sets none, and neither a probe of a hung member nor a failover
 * run's write stuck on a dead leader may wait forever.
 */
public final class DeadlineInterceptor implements ClientInterceptor {
  private final long nanos;

  public DeadlineInterceptor(Duration deadline) {
    this.nanos = deadline.toNanos();
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return next.newCall(method, options.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS));
  }
}
