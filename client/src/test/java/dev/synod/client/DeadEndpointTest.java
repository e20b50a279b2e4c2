package dev.synod.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.PutRequest;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node whose port refuses connections, next to two live nodes on real loopback sockets. */
class DeadEndpointTest {
  private final List<FakeNode> live = new ArrayList<>();
  private String dead;

  @BeforeEach
  void start() throws IOException {
    live.add(FakeNode.netty());
    live.add(FakeNode.netty());
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      dead = "127.0.0.1:" + s.getLocalPort(); // closed again: connecting is refused
    }
  }

  @AfterEach
  void stop() {
    live.forEach(FakeNode::close);
  }

  /** The dead endpoint first, so the client's first round-robin pick is it. */
  private SynodClient client(int maxRetries) {
    return SynodClient.builder().endpoints(dead, live.get(0).address, live.get(1).address)
        .maxRetries(maxRetries)
        .channelFactory(target -> NettyChannelBuilder.forTarget(target).usePlaintext().build()).build();
  }

  private static PutRequest put(String key) {
    return PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))
        .setValue(ByteString.copyFromUtf8("v")).build();
  }

  private int received(String method) {
    return live.stream().mapToInt(n -> n.received(method).size()).sum();
  }

  @Test
  void aPutWhoseConnectionWasRefusedGoesToTheNextEndpointOnce() {
    try (SynodClient client = client(5)) {
      client.put(put("k"));
    }

    assertThat(live.get(0).received("Put")).hasSize(1);
    assertThat(live.get(1).received("Put")).isEmpty();
  }

  @Test
  void aRefusedPutIsReportedWhenNoRetryIsAllowed() {
    try (SynodClient client = client(0)) {
      assertThatThrownBy(() -> client.put(put("k"))).isInstanceOfSatisfying(SynodException.class, e -> {
        assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(e.attempts()).isEqualTo(1);
      });
    }
    assertThat(received("Put")).isZero();
  }

  @Test
  void afterOneRefusalTheDeadEndpointIsPassedOver() {
    try (SynodClient client = client(0)) {
      assertThatThrownBy(() -> client.get(GetRequest.getDefaultInstance())).isInstanceOf(SynodException.class);

      for (int i = 0; i < 9; i++) {
        client.put(put("k" + i)); // without retries: one refused attempt would fail the put
        client.get(GetRequest.getDefaultInstance());
      }
    }

    assertThat(received("Put")).isEqualTo(9);
    assertThat(received("Get")).isEqualTo(9);
    assertThat(live.get(0).received("Get")).isNotEmpty();
    assertThat(live.get(1).received("Get")).isNotEmpty();
  }

  @Test
  void anAttemptThatReachedAServerIsNotTakenForARefusal() {
    assertThat(UnaryCaller.refused(Status.UNAVAILABLE.withDescription("leader lost"))).isFalse();
    assertThat(UnaryCaller.refused(Status.UNAVAILABLE.withCause(new IOException("Connection reset by peer"))))
        .isFalse();
    assertThat(UnaryCaller.refused(Status.UNAVAILABLE.withCause(
        new IOException("io exception", new ConnectException("Connection refused"))))).isTrue();
  }
}
