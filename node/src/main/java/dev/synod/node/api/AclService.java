package dev.synod.node.api;

import dev.synod.node.auth.TokenSecrets;
import dev.synod.proto.v1.AclBootstrapCommand;
import dev.synod.proto.v1.AclBootstrapRequest;
import dev.synod.proto.v1.AclCreateTokenCommand;
import dev.synod.proto.v1.AclGrpc;
import dev.synod.proto.v1.AclListQuery;
import dev.synod.proto.v1.AclRevokeTokenCommand;
import dev.synod.proto.v1.AclRotateTokenCommand;
import dev.synod.proto.v1.AclToken;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.CommandResult;
import dev.synod.proto.v1.CreateTokenRequest;
import dev.synod.proto.v1.ListTokensRequest;
import dev.synod.proto.v1.ListTokensResponse;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.ReadConsistency;
import dev.synod.proto.v1.RevokeTokenRequest;
import dev.synod.proto.v1.RevokeTokenResponse;
import dev.synod.proto.v1.Role;
import dev.synod.proto.v1.RotateTokenRequest;
import dev.synod.proto.v1.TokenSecretResponse;
import io.grpc.stub.StreamObserver;
import java.time.Clock;

/**
 * ACL tokens: the node makes the secret, proposes only its SHA-256 through Raft, and returns the secret to
 * the caller once. Expiry is an absolute time taken from this node's clock.
 */
public final class AclService extends AclGrpc.AclImplBase {
  private final RegistryGateway gateway;
  private final Clock clock;

  public AclService(RegistryGateway gateway, Clock clock) {
    this.gateway = gateway;
    this.clock = clock;
  }

  @Override
  public void bootstrap(AclBootstrapRequest request, StreamObserver<TokenSecretResponse> observer) {
    String secret = TokenSecrets.newSecret();
    String description = request.getDescription().isEmpty() ? "bootstrap token" : request.getDescription();
    AclToken token = AclToken.newBuilder().setAccessorId(TokenSecrets.newAccessorId()).setRole(Role.ROLE_ADMIN)
        .setDescription(description).build();
    Command command = Command.newBuilder().setAclBootstrap(AclBootstrapCommand.newBuilder().setToken(token)
        .setSecretSha256(com.google.protobuf.ByteString.copyFrom(TokenSecrets.sha256(secret)))).build();
    UnaryCalls.reply(gateway.propose(command), observer, r -> withSecret(r, secret));
  }

  @Override
  public void createToken(CreateTokenRequest request, StreamObserver<TokenSecretResponse> observer) {
    String secret = TokenSecrets.newSecret();
    long expires = request.getTtlSeconds() == 0 ? 0 : clock.millis() + request.getTtlSeconds() * 1000;
    AclToken token = AclToken.newBuilder().setAccessorId(TokenSecrets.newAccessorId()).setRole(request.getRole())
        .setDescription(request.getDescription()).setExpiresAtUnixMs(expires).build();
    Command command = Command.newBuilder().setAclCreateToken(AclCreateTokenCommand.newBuilder().setToken(token)
        .setSecretSha256(com.google.protobuf.ByteString.copyFrom(TokenSecrets.sha256(secret)))).build();
    UnaryCalls.reply(gateway.propose(command), observer, r -> withSecret(r, secret));
  }

  @Override
  public void listTokens(ListTokensRequest request, StreamObserver<ListTokensResponse> observer) {
    Query query = Query.newBuilder().setAclList(AclListQuery.getDefaultInstance()).build();
    UnaryCalls.reply(gateway.query(query, ReadConsistency.LINEARIZABLE), observer,
        r -> ListTokensResponse.newBuilder().setHeader(gateway.header(r.getRevision()))
            .addAllTokens(r.getAclList().getTokensList()).build());
  }

  @Override
  public void revokeToken(RevokeTokenRequest request, StreamObserver<RevokeTokenResponse> observer) {
    Command command = Command.newBuilder().setAclRevokeToken(AclRevokeTokenCommand.newBuilder()
        .setAccessorId(request.getAccessorId())).build();
    UnaryCalls.reply(gateway.propose(command), observer,
        r -> RevokeTokenResponse.newBuilder().setHeader(gateway.header(r.getRevision())).build());
  }

  @Override
  public void rotateToken(RotateTokenRequest request, StreamObserver<TokenSecretResponse> observer) {
    String secret = TokenSecrets.newSecret();
    Command command = Command.newBuilder().setAclRotateToken(AclRotateTokenCommand.newBuilder()
        .setAccessorId(request.getAccessorId())
        .setNewSecretSha256(com.google.protobuf.ByteString.copyFrom(TokenSecrets.sha256(secret)))).build();
    UnaryCalls.reply(gateway.propose(command), observer, r -> withSecret(r, secret));
  }

  private TokenSecretResponse withSecret(CommandResult result, String secret) {
    return TokenSecretResponse.newBuilder().setHeader(gateway.header(result.getRevision()))
        .setToken(result.getAclToken().getToken()).setSecret(secret).build();
  }
}
