package dev.synod.membership;

import io.netty.channel.ChannelOption;
import io.scalecube.cluster.transport.api.Message;
import io.scalecube.cluster.transport.api.Transport;
import io.scalecube.cluster.transport.api.TransportConfig;
import io.scalecube.cluster.transport.api.TransportFactory;
import io.scalecube.transport.netty.Receiver;
import io.scalecube.transport.netty.Sender;
import io.scalecube.transport.netty.TransportImpl;
import io.scalecube.transport.netty.TransportImpl.ReceiverContext;
import io.scalecube.transport.netty.TransportImpl.SenderContext;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.SslProvider;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * TCP gossip transport that listens on {@code bindHost} only, optionally with mutual TLS on both
 * the accepted and the opened connections. scalecube's own TCP transport always listens on every
 * interface and has no client certificates. Frames are a 4-byte length and a serialized message
 * (see {@link GossipFraming}).
 */
final class GossipTransportFactory implements TransportFactory {

  private final String bindHost;
  private final GossipTls tls;

  /** @param tls mutual TLS for every connection, or null for plaintext */
  GossipTransportFactory(String bindHost, GossipTls tls) {
    this.bindHost = bindHost.startsWith("[") ? bindHost.substring(1, bindHost.length() - 1) : bindHost;
    this.tls = tls;
  }

  @Override
  public Transport createTransport(TransportConfig config) {
    // One SslContext per side for the transport's lifetime: building one loads the key material.
    SslProvider serverTls = tls == null ? null : GossipTlsContexts.server(tls, config.connectTimeout());
    SslProvider clientTls = tls == null ? null : GossipTlsContexts.client(tls, config.connectTimeout());
    return new TransportImpl(
        config.messageCodec(),
        new BoundReceiver(config, serverTls),
        new FramedSender(config, clientTls),
        config.addressMapper());
  }

  private final class BoundReceiver implements Receiver {
    private final TransportConfig config;
    private final SslProvider serverTls;

    BoundReceiver(TransportConfig config, SslProvider serverTls) {
      this.config = config;
      this.serverTls = serverTls;
    }

    @Override
    public Mono<DisposableServer> bind() {
      return Mono.deferContextual(
          context -> {
            ReceiverContext receiver = context.get(ReceiverContext.class);
            TcpServer server = TcpServer.create()
                .runOn(receiver.loopResources())
                .host(bindHost)
                .port(config.port())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .doOnChannelInit((observer, channel, remote) ->
                    GossipFraming.install(channel.pipeline(), config.maxFrameLength(), true))
                .handle((in, out) -> in.receive().retain().doOnNext(receiver::onMessage).then());
            return (serverTls == null ? server : server.secure(serverTls)).bind().cast(DisposableServer.class);
          });
    }
  }

  private static final class FramedSender implements Sender {
    private final TransportConfig config;
    private final SslProvider clientTls;

    FramedSender(TransportConfig config, SslProvider clientTls) {
      this.config = config;
      this.clientTls = clientTls;
    }

    @Override
    public Mono<Connection> connect(String address) {
      return Mono.deferContextual(
          context -> {
            SenderContext sender = context.get(SenderContext.class);
            TcpClient client = TcpClient.newConnection()
                .runOn(sender.loopResources())
                .host(HostPort.host(address))
                .port(HostPort.port(address))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeout())
                .doOnChannelInit((observer, channel, remote) ->
                    GossipFraming.install(channel.pipeline(), config.maxFrameLength(), false));
            // With TLS, connect() emits only once the handshake succeeded.
            return (clientTls == null ? client : client.secure(clientTls)).connect().cast(Connection.class);
          });
    }

    @Override
    public Mono<Void> send(Message message) {
      return Mono.deferContextual(
          context -> {
            Connection connection = context.get(Connection.class);
            SenderContext sender = context.get(SenderContext.class);
            return connection
                .outbound()
                .sendObject(Mono.just(message).map(sender.messageEncoder()), frame -> true)
                .then();
          });
    }
  }
}
