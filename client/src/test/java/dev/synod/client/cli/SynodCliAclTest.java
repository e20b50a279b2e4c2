package dev.synod.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import dev.synod.client.FakeAcl;
import dev.synod.client.FakeNode;
import dev.synod.client.TestServerTls;
import dev.synod.proto.v1.CreateTokenRequest;
import dev.synod.proto.v1.ListTokensResponse;
import dev.synod.proto.v1.TokenSecretResponse;
import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.testing.TestPki;
import io.grpc.Metadata;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins the {@code synod acl} commands against a fake Acl service, plaintext and over mutual TLS. */
class SynodCliAclTest {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir
  Path dir;

  private FakeNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private CliRun plain(String... args) throws Exception {
    if (node == null) {
      node = FakeNode.netty(new FakeAcl());
    }
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoints", node.address, "--insecure-dev"));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void bootstrapPrintsTheSecretOnceWithAWarning() throws Exception {
    CliRun r = plain("acl", "bootstrap", "--description", "ops team");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.outLines()).containsExactly(
        "ACLs bootstrapped: admin token created",
        "accessor: acc-00000001",
        "role:     admin",
        "expires:  never",
        "secret:   synod_0000000000000000000000000000000000000000001",
        "The secret is shown only once: store it now (the cluster keeps only its hash).");

    CliRun again = plain("acl", "bootstrap");
    assertThat(again.exit()).isEqualTo(ExitCodes.SERVER_ERROR);
    assertThat(again.err()).startsWith("error: FAILED_PRECONDITION: ACLs are already bootstrapped");
  }

  @Test
  void tokenCreateSendsRoleTtlAndDescriptionAndPrintsJson() throws Exception {
    CliRun r = plain("acl", "token", "create", "--role", "file-server", "--ttl", "24h", "--description", "fs", "--json");

    assertThat(r.exit()).as(r.toString()).isZero();
    CreateTokenRequest sent = (CreateTokenRequest) node.received("CreateToken").get(0).request();
    assertThat(sent.getRole()).isEqualTo(dev.synod.proto.v1.Role.ROLE_FILE_SERVER);
    assertThat(sent.getTtlSeconds()).isEqualTo(86_400);
    assertThat(sent.getDescription()).isEqualTo("fs");
    TokenSecretResponse.Builder parsed = TokenSecretResponse.newBuilder();
    JsonFormat.parser().merge(r.out(), parsed);
    assertThat(parsed.getSecret()).startsWith("synod_");
    assertThat(parsed.getToken().getAccessorId()).isEqualTo("acc-00000001");
  }

  @Test
  void tokenListRotateAndRevoke() throws Exception {
    plain("acl", "token", "create", "--role", "worker", "--description", "w");
    plain("acl", "token", "create", "--role", "edge", "--ttl", "1h");

    CliRun list = plain("acl", "token", "list");
    assertThat(list.outLines()).hasSize(3);
    assertThat(list.outLines().get(0)).isEqualTo("ACCESSOR      ROLE    DESCRIPTION  EXPIRES               CREATE_REV  ROTATE_REV");
    assertThat(list.outLines().get(1)).isEqualTo("acc-00000001  worker  w            never                 1");
    assertThat(list.outLines().get(2)).startsWith("acc-00000002  edge                 2023-11-14T");

    CliRun rotate = plain("acl", "token", "rotate", "acc-00000001");
    assertThat(rotate.out()).startsWith("token rotated: the old secret is refused from now on\naccessor: acc-00000001")
        .contains(AclOutput.SHOWN_ONCE);

    assertThat(plain("acl", "token", "revoke", "acc-00000002").out()).isEqualTo("token acc-00000002 revoked\n");
    CliRun json = plain("acl", "token", "list", "--json");
    ListTokensResponse.Builder parsed = ListTokensResponse.newBuilder();
    JsonFormat.parser().merge(json.out(), parsed);
    assertThat(parsed.getTokensList()).extracting(t -> t.getAccessorId()).containsExactly("acc-00000001");
    assertThat(parsed.getTokens(0).getRotateRevision()).isEqualTo(3);

    CliRun missing = plain("acl", "token", "revoke", "acc-9");
    assertThat(missing.exit()).isEqualTo(ExitCodes.SERVER_ERROR);
    assertThat(missing.err()).startsWith("error: NOT_FOUND: token acc-9 not found");
  }

  @Test
  void badRolesAndTtlsAreUsageErrors() throws Exception {
    CliRun server = plain("acl", "token", "create", "--role", "server");
    assertThat(server.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(server.err()).startsWith("error: --role: \"server\" (expected: any role but server;");

    CliRun unknown = plain("acl", "token", "create", "--role", "root");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).startsWith("error: --role: \"root\" (expected: one of server, admin,");

    CliRun ttl = plain("acl", "token", "create", "--role", "admin", "--ttl", "0s");
    assertThat(ttl.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(ttl.err()).contains("--ttl").contains("'0s'");

    assertThat(plain("acl", "token", "revoke").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(node.received).isEmpty();
  }

  @Test
  void overMutualTlsTheTokenAndClientCertificateReachTheServer() throws Exception {
    TestPki pki = TestPki.create("prod");
    node = FakeNode.tls(TestServerTls.presenting(pki, pki.issue(Role.SERVER, "node-1")), new FakeAcl());
    Path ca = pki.writeCa(dir.resolve("ca.pem"));
    Path cert = TestPki.write(dir, "admin", pki.issue(Role.ADMIN, "alice"));
    String token = "synod_" + "z".repeat(43);

    CliRun r = CliRun.of("acl", "token", "list", "--endpoints", node.address, "--cluster-id", "prod",
        "--ca-file", ca.toString(), "--cert-file", cert.toString(), "--key-file", dir.resolve("admin-key.pem").toString(),
        "--token", token);

    assertThat(r.exit()).as(r.toString()).isZero();
    FakeNode.Received call = node.received("ListTokens").get(0);
    assertThat(call.headers().get(AUTHORIZATION)).isEqualTo("Bearer " + token);
    X509Certificate presented = (X509Certificate) call.tls().getPeerCertificates()[0];
    assertThat(SpiffeId.fromCertificate(presented)).contains(new SpiffeId("prod", Role.ADMIN, "alice"));
  }

  @Test
  void aServerOfAnotherClusterIsRefused() throws Exception {
    TestPki pki = TestPki.create("prod");
    node = FakeNode.tls(TestServerTls.presenting(pki, pki.issue(Role.SERVER, "node-1")), new FakeAcl());
    Path ca = pki.writeCa(dir.resolve("ca.pem"));

    CliRun r = CliRun.of("acl", "token", "list", "--endpoints", node.address, "--ca-file", ca.toString(),
        "--timeout", "2s");

    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(node.received).isEmpty();
  }
}
