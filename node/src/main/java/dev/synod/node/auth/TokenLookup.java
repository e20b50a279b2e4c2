package dev.synod.node.auth;

import dev.synod.proto.v1.AclLookupResult;

/** Finds a token by the SHA-256 of its secret in this node's replica of the registry. */
@FunctionalInterface
public interface TokenLookup {
  AclLookupResult lookup(byte[] secretSha256);
}
