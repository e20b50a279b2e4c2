package dev.synod.membership;

import static dev.synod.membership.GossipFraming.FRAME_DECODER;
import static dev.synod.membership.GossipFraming.FRAME_PREPENDER;
import static dev.synod.membership.GossipFraming.TLS_FAILURES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synod.security.identity.Role;
import dev.synod.security.testing.TestPki;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/** Where the framing lands in real reactor-netty pipelines, with and without TLS. */
class GossipFramingTest {

  private static final int MAX_FRAME = 1024;
  private static final long HANDSHAKE_TIMEOUT_MILLIS = 5_000;

  private DisposableServer server;
  private Connection client;

  @AfterEach
  void closeAll() {
    if (client != null) {
      client.disposeNow();
    }
    if (server != null) {
      server.disposeNow();
    }
  }

  @Test
  void withTlsFramesAreCutFromDecryptedBytesRightAboveTheSslHandler() {
    GossipTls tls = GossipTestTls.of(TestPki.create(MembershipContract.CLUSTER), Role.SERVER, "f1");
    List<String> received = new CopyOnWriteArrayList<>();
    AtomicReference<List<String>> serverPipeline = new AtomicReference<>();
    AtomicReference<SslHandler> serverSsl = new AtomicReference<>();
    server = TcpServer.create().host("127.0.0.1").port(0)
        .secure(GossipTlsContexts.server(tls, HANDSHAKE_TIMEOUT_MILLIS))
        .doOnChannelInit((observer, channel, remote) -> GossipFraming.install(channel.pipeline(), MAX_FRAME, true))
        .doOnConnection(c -> {
          serverPipeline.set(c.channel().pipeline().names());
          serverSsl.set(c.channel().pipeline().get(SslHandler.class));
        })
        .handle((in, out) -> in.receive().asString(StandardCharsets.UTF_8).doOnNext(received::add).then())
        .bindNow();

    client = TcpClient.newConnection().host("127.0.0.1").port(server.port())
        .secure(GossipTlsContexts.client(tls, HANDSHAKE_TIMEOUT_MILLIS))
        .doOnChannelInit((observer, channel, remote) -> GossipFraming.install(channel.pipeline(), MAX_FRAME, false))
        .connectNow(Duration.ofSeconds(10));

    SslHandler clientSsl = client.channel().pipeline().get(SslHandler.class);
    assertThat(clientSsl.handshakeFuture().isSuccess()).as("connect() emits only after the handshake").isTrue();
    assertThat(clientSsl.engine().getSession().getProtocol()).isEqualTo("TLSv1.3");
    assertThat(clientSsl.engine().getSSLParameters().getEndpointIdentificationAlgorithm()).as("no hostname check").isNull();
    assertThat(client.channel().pipeline().names())
        .startsWith(NettyPipeline.SslHandler, TLS_FAILURES, FRAME_DECODER, FRAME_PREPENDER);

    // Two frames in one write: only a decoder that sees plaintext can split them again.
    client.outbound().sendObject(Flux.just(text("first"), text("second"))).then().block(Duration.ofSeconds(10));

    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
    assertThat(received).containsExactly("first", "second");
    assertThat(serverPipeline.get()).startsWith(NettyPipeline.SslHandler, TLS_FAILURES, FRAME_DECODER, FRAME_PREPENDER);
    assertThat(serverSsl.get().engine().getNeedClientAuth()).isTrue();
    assertThat(serverSsl.get().engine().getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
  }

  @Test
  void withoutTlsFramingComesFirst() {
    EmbeddedChannel channel = new EmbeddedChannel();
    GossipFraming.install(channel.pipeline(), MAX_FRAME, true);
    assertThat(channel.pipeline().names()).startsWith(FRAME_PREPENDER, FRAME_DECODER).doesNotContain(TLS_FAILURES);

    ByteBuf wire = Unpooled.buffer().writeInt(5).writeBytes("hello".getBytes(StandardCharsets.UTF_8)).writeInt(2);
    channel.writeInbound(wire);

    ByteBuf frame = channel.readInbound();
    assertThat(frame.toString(StandardCharsets.UTF_8)).isEqualTo("hello");
    frame.release();
    ByteBuf incomplete = channel.readInbound();
    assertThat(incomplete).as("the incomplete second frame waits").isNull();
    channel.finishAndReleaseAll();
  }

  private static ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }
}
