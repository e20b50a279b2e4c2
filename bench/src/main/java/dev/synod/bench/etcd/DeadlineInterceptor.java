package dev.synod.bench.etcd;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Gives every call a deadline: jetcd sets none, and a probe of a hung member must not wait forever. */
final class DeadlineInterceptor implements ClientInterceptor {
  private final long nanos;

  DeadlineInterceptor(Duration deadline) {
    this.nanos = deadline.toNanos();
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return next.newCall(method, options.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS));
  }
}
