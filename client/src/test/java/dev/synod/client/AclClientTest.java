package dev.synod.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.proto.v1.AclToken;
import dev.synod.proto.v1.CreateTokenRequest;
import dev.synod.security.identity.Role;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pins the ACL calls' mapping, their retry policy (changes never, list like reads) and leader routing. */
class AclClientTest {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final String TOKEN = "synod_" + "t".repeat(43);

  private final FakeAcl acl = new FakeAcl();
  private FakeNode a;
  private FakeNode b;
  private SynodClient client;

  @BeforeEach
  void start() throws Exception {
    int id = SEQ.incrementAndGet();
    a = FakeNode.inProcess("acl-a-" + id + ":7400", acl);
    b = FakeNode.inProcess("acl-b-" + id + ":7400", acl);
    // In-process transports count as encrypted, so the token is sent.
    client = SynodClient.builder().endpoints(a.address, b.address).channelFactory(FakeNode::inProcessChannels)
        .token(TOKEN).initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();
  }

  @AfterEach
  void stop() {
    client.close();
    a.close();
    b.close();
  }

  private List<FakeNode.Received> received(String method) {
    return java.util.stream.Stream.concat(a.received(method).stream(), b.received(method).stream()).toList();
  }

  private long count(String method) {
    return received(method).size();
  }

  @Test
  void bootstrapCreateListRotateRevokeRoundTrip() {
    TokenSecret admin = client.acl().bootstrap("first admin");
    assertThat(admin.token().getRole()).isEqualTo(dev.synod.proto.v1.Role.ROLE_ADMIN);
    assertThat(admin.secret()).startsWith("synod_");
    assertThat(admin.toString()).doesNotContain(admin.secret());

    TokenSecret worker = client.acl().create(Role.FILE_SERVER, "fs", Duration.ofMillis(1500));
    CreateTokenRequest sent = (CreateTokenRequest) received("CreateToken").get(0).request();
    assertThat(sent.getRole()).isEqualTo(dev.synod.proto.v1.Role.ROLE_FILE_SERVER);
    assertThat(sent.getTtlSeconds()).as("rounded up, never to 'no expiry'").isEqualTo(2);

    List<AclToken> tokens = client.acl().list();
    assertThat(tokens).extracting(AclToken::getAccessorId).containsExactly(admin.accessorId(), worker.accessorId());

    TokenSecret rotated = client.acl().rotate(worker.accessorId());
    assertThat(rotated.secret()).isNotEqualTo(worker.secret());
    client.acl().revoke(worker.accessorId());
    assertThat(client.acl().list()).extracting(AclToken::getAccessorId).containsExactly(admin.accessorId());

    List<FakeNode.Received> all = new java.util.ArrayList<>(a.received);
    all.addAll(b.received);
    assertThat(all).hasSize(6).extracting(r -> r.headers().get(BearerToken.AUTHORIZATION))
        .containsOnly("Bearer " + TOKEN);
  }

  @Test
  void changesAreNotRetriedButListIs() {
    a.failNext("CreateToken", 1, Status.UNAVAILABLE);
    b.failNext("CreateToken", 1, Status.UNAVAILABLE);
    assertThatThrownBy(() -> client.acl().create(Role.WORKER, "", Duration.ZERO))
        .isInstanceOf(SynodException.class).hasMessageStartingWith("UNAVAILABLE");
    assertThat(count("CreateToken")).isEqualTo(1);

    a.failNext("RotateToken", 1, Status.DEADLINE_EXCEEDED);
    b.failNext("RotateToken", 1, Status.DEADLINE_EXCEEDED);
    assertThatThrownBy(() -> client.acl().rotate("acc-1")).isInstanceOf(SynodException.class);
    assertThat(count("RotateToken")).isEqualTo(1);

    a.failNext("ListTokens", 1, Status.UNAVAILABLE);
    b.failNext("ListTokens", 1, Status.UNAVAILABLE);
    assertThat(client.acl().list()).isEmpty();
    assertThat(count("ListTokens")).isEqualTo(3);
  }

  @Test
  void changesFollowTheLeaderHint() {
    acl.leaderApi = b.address;
    client.acl().list();
    for (int i = 0; i < 3; i++) {
      client.acl().create(Role.CLIENT, "c" + i, Duration.ZERO);
    }
    assertThat(b.received("CreateToken")).hasSize(3);
    assertThat(a.received("CreateToken")).isEmpty();
  }

  @Test
  void rejectsBadArgumentsBeforeCalling() {
    assertThatThrownBy(() -> client.acl().create(Role.SERVER, "", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("role: server (expected: any role but server; servers authenticate with certificates)");
    assertThatThrownBy(() -> client.acl().create(Role.ADMIN, "", Duration.ofSeconds(-1)))
        .hasMessage("ttl: PT-1S (expected: >= 0; 0 means never expires)");
    assertThatThrownBy(() -> client.acl().revoke(" ")).hasMessage("accessorId: blank (expected: a token's accessor id)");
    assertThat(a.received).isEmpty();
    assertThat(b.received).isEmpty();
  }
}
