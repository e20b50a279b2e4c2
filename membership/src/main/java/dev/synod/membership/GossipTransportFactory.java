package dev.synod.membership;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
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
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * TCP gossip transport that listens on {@code bindHost} only. scalecube's own TCP transport
 * always listens on every interface; binding one address keeps loopback clusters on loopback
 * and is where mTLS will plug in. Frames are a 4-byte length and a serialized message.
 */
final class GossipTransportFactory implements TransportFactory {

  private static final int LENGTH_BYTES = 4;

  private final String bindHost;

  GossipTransportFactory(String bindHost) {
    this.bindHost = bindHost.startsWith("[") ? bindHost.substring(1, bindHost.length() - 1) : bindHost;
  }

  @Override
  public Transport createTransport(TransportConfig config) {
    return new TransportImpl(
        config.messageCodec(), new BoundReceiver(config), new FramedSender(config), config.addressMapper());
  }

  private static void frame(Channel channel, int maxFrameLength) {
    // addFirst: framing must sit below reactor-netty's own handlers.
    channel.pipeline().addFirst(new LengthFieldBasedFrameDecoder(maxFrameLength, 0, LENGTH_BYTES, 0, LENGTH_BYTES));
    channel.pipeline().addFirst(new LengthFieldPrepender(LENGTH_BYTES));
  }

  private final class BoundReceiver implements Receiver {
    private final TransportConfig config;

    BoundReceiver(TransportConfig config) {
      this.config = config;
    }

    @Override
    public Mono<DisposableServer> bind() {
      return Mono.deferContextual(
          context -> {
            ReceiverContext receiver = context.get(ReceiverContext.class);
            return TcpServer.create()
                .runOn(receiver.loopResources())
                .host(bindHost)
                .port(config.port())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .doOnChannelInit((observer, channel, remote) -> frame(channel, config.maxFrameLength()))
                .handle((in, out) -> in.receive().retain().doOnNext(receiver::onMessage).then())
                .bind()
                .cast(DisposableServer.class);
          });
    }
  }

  private static final class FramedSender implements Sender {
    private final TransportConfig config;

    FramedSender(TransportConfig config) {
      this.config = config;
    }

    @Override
    public Mono<Connection> connect(String address) {
      return Mono.deferContextual(
          context -> {
            SenderContext sender = context.get(SenderContext.class);
            return TcpClient.newConnection()
                .runOn(sender.loopResources())
                .host(HostPort.host(address))
                .port(HostPort.port(address))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeout())
                .doOnChannelInit((observer, channel, remote) -> frame(channel, config.maxFrameLength()))
                .connect()
                .cast(Connection.class);
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
