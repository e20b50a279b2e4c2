package dev.synod.node;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.synod.node.auth.Authenticator;
import dev.synod.node.auth.SynodPermissions;
import dev.synod.node.auth.TokenLookup;
import dev.synod.node.config.AgentConfig;
import dev.synod.node.interceptor.AuthenticationInterceptor;
import dev.synod.node.interceptor.AuthorizationInterceptor;
import dev.synod.node.interceptor.InterceptorChain;
import dev.synod.node.interceptor.LoggingInterceptor;
import dev.synod.node.interceptor.MetricsInterceptor;
import dev.synod.node.interceptor.RateLimitInterceptor;
import dev.synod.node.interceptor.RecoveryInterceptor;
import dev.synod.node.interceptor.RequestIdInterceptor;
import dev.synod.node.interceptor.TracingInterceptor;
import dev.synod.node.interceptor.ValidationInterceptor;
import dev.synod.node.tls.NodeTls;
import dev.synod.node.validation.SynodRequestRules;
import dev.synod.registry.RegistryLimits;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds the public gRPC server: TLS (unless insecure-dev) and every service behind the interceptor chain. */
final class PublicApi {
  private PublicApi() {}

  static InterceptorChain chain(AgentConfig config, Optional<NodeTls> tls, TokenLookup tokens, Clock clock,
      OpenTelemetry telemetry) {
    Authenticator authenticator = tls.isPresent() ? new Authenticator(config.clusterId(), tokens, clock) : null;
    return new InterceptorChain(new RecoveryInterceptor(), new RequestIdInterceptor(),
        new AuthenticationInterceptor(authenticator), new AuthorizationInterceptor(SynodPermissions.policy()),
        new RateLimitInterceptor(config.security().toRateLimits(), Ticker.systemTicker()),
        new ValidationInterceptor(SynodRequestRules.of(RegistryLimits.defaults())), new LoggingInterceptor(),
        new MetricsInterceptor(telemetry), new TracingInterceptor(telemetry));
  }

  /**
   * Runs the calls' callbacks. gRPC's default, a cached thread pool, hands every callback of every call (stream
   * created, message, half-close, close) through a SynchronousQueue: a park and an unpark each, which took about a
   * quarter of the leader's CPU under 256 writing clients. A work-stealing pool keeps its few workers busy instead.
   * The handlers never block (they complete futures), so one worker per core is enough.
   */
  static ExecutorService newExecutor() {
    AtomicInteger ids = new AtomicInteger();
    ForkJoinPool.ForkJoinWorkerThreadFactory threads = pool -> {
      ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
      t.setName("synod-api-" + ids.incrementAndGet());
      return t;
    };
    return new ForkJoinPool(Runtime.getRuntime().availableProcessors(), threads, null, true);
  }

  static Server start(AgentConfig config, Optional<NodeTls> tls, InterceptorChain chain,
      List<BindableService> services, Executor executor) throws IOException {
    InetSocketAddress address = new InetSocketAddress(config.bindHost(), config.apiPort());
    NettyServerBuilder builder = tls.isPresent()
        ? NettyServerBuilder.forAddress(address, tls.get().apiServerCredentials())
        : NettyServerBuilder.forAddress(address);
    for (BindableService service : services) {
      ServerServiceDefinition definition = service.bindService();
      builder.addService(chain.wrap(definition));
    }
    return builder.executor(executor).maxInboundMessageSize(8 << 20).build().start();
  }
}
