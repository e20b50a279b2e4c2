package dev.synod.client;

import io.grpc.ManagedChannel;

/**
 * Opens the channel for one endpoint, in place of the builder's {@code tls(...)} or
 * {@code insecurePlaintext()}: the factory secures its channels itself. The client calls it at
 * most once per distinct target and owns (and shuts down) what it returns.
 */
@FunctionalInterface
public interface ChannelFactory {
  /** Returns a new channel to {@code target}, a validated {@code host:port} string. */
  ManagedChannel create(String target);
}
