package dev.synod.node.interceptor;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import dev.synod.node.auth.Identity;
import dev.synod.node.ratelimit.RateLimits;
import dev.synod.node.ratelimit.TokenBucket;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One token bucket per identity, sized by its role. Over the limit the caller gets RESOURCE_EXHAUSTED with
 * the wait in a {@code google.rpc.RetryInfo} detail and a {@code retry-after-ms} trailer. Idle buckets are
 * dropped by Caffeine, so one-off identities cost nothing for long.
 */
public final class RateLimitInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(RateLimitInterceptor.class);

  private final RateLimits limits;
  private final Ticker ticker;
  private final Cache<String, TokenBucket> buckets;

  public RateLimitInterceptor(RateLimits limits, Ticker ticker) {
    this.limits = limits;
    this.ticker = ticker;
    this.buckets = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(Duration.ofMinutes(10))
        .maximumSize(100_000).build();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Identity identity = CallContext.identity();
    String key = identity.anonymous() ? "anonymous:" + host(identity.name()) : identity.key();
    int perSecond = limits.limitFor(identity.anonymous() ? null : identity.role());
    long now = ticker.read();
    TokenBucket bucket = buckets.get(key, k -> new TokenBucket(perSecond, perSecond, now));
    long waitNanos = bucket.tryTake(now);
    if (waitNanos == 0) {
      return next.startCall(call, headers);
    }
    long waitMs = Math.max(1, Duration.ofNanos(waitNanos).toMillis());
    String description = "rate limit of " + perSecond + " requests/s for " + identity + " exceeded; retry in "
        + waitMs + " ms";
    long refused = bucket.refusalsToReport(now);
    if (refused > 0) {
      log.warn("request {} {} from {} refused: RESOURCE_EXHAUSTED {} ({} refused in the last second or more)",
          CallContext.requestId(), call.getMethodDescriptor().getFullMethodName(), identity, description, refused);
    }
    Metadata trailers = new Metadata();
    trailers.put(CallContext.RETRY_AFTER_MS_TRAILER, Long.toString(waitMs));
    StatusException e = StatusProto.toStatusException(com.google.rpc.Status.newBuilder()
        .setCode(Code.RESOURCE_EXHAUSTED_VALUE).setMessage(description)
        .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder()
            .setSeconds(waitMs / 1000).setNanos((int) (waitMs % 1000) * 1_000_000)).build()))
        .build(), trailers);
    call.close(e.getStatus(), e.getTrailers());
    return new ServerCall.Listener<>() { };
  }

  private static String host(String peer) {
    int colon = peer.lastIndexOf(':');
    return colon > 0 ? peer.substring(0, colon) : peer;
  }
}
