package dev.synod.node;

import dev.synod.node.api.RegistryGateway;
import dev.synod.proto.v1.AclLookupQuery;
import dev.synod.proto.v1.AclLookupResult;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.SigningCa;
import dev.synod.proto.v1.SigningCaQuery;
import java.util.Optional;

/**
 * Reads that security makes on this node's own replica: token lookups on every call and the signing CA.
 * Local reads cost no round trip; a replica that lags may accept a just-revoked token until it catches up.
 */
final class RegistryReads {
  private RegistryReads() {}

  static AclLookupResult token(RegistryGateway gateway, byte[] secretSha256) {
    Query q = Query.newBuilder().setAclLookup(AclLookupQuery.newBuilder()
        .setSecretSha256(com.google.protobuf.ByteString.copyFrom(secretSha256))).build();
    return gateway.readLocal(q).getAclLookup();
  }

  static Optional<SigningCa> signingCa(RegistryGateway gateway) {
    Query q = Query.newBuilder().setSigningCa(SigningCaQuery.getDefaultInstance()).build();
    var result = gateway.readLocal(q).getSigningCa();
    return result.hasCa() ? Optional.of(result.getCa()) : Optional.empty();
  }
}
