package dev.synod.client.cli;

import dev.synod.client.TokenSecret;
import dev.synod.proto.v1.AclToken;
import dev.synod.proto.v1.TokenSecretResponse;
import java.time.Instant;
import java.util.List;

/** How ACL tokens and their one-time secrets are shown. */
final class AclOutput {
  static final String SHOWN_ONCE = "The secret is shown only once: store it now (the cluster keeps only its hash).";

  private AclOutput() {}

  /** Accessor, role and secret, then the warning that the secret cannot be shown again. */
  static void secret(Output out, String headline, TokenSecret secret) {
    if (out.json()) {
      out.json(TokenSecretResponse.newBuilder().setToken(secret.token()).setSecret(secret.secret()));
      return;
    }
    AclToken t = secret.token();
    out.line(headline);
    out.line("accessor: " + t.getAccessorId());
    out.line("role:     " + role(t));
    out.line("expires:  " + expires(t));
    out.line("secret:   " + secret.secret());
    out.line(SHOWN_ONCE);
  }

  static Table table(List<AclToken> tokens) {
    Table t = new Table("ACCESSOR", "ROLE", "DESCRIPTION", "EXPIRES", "CREATE_REV", "ROTATE_REV");
    for (AclToken token : tokens) {
      t.row(token.getAccessorId(), role(token), token.getDescription(), expires(token), token.getCreateRevision(),
          token.getRotateRevision() == 0 ? "" : token.getRotateRevision());
    }
    return t;
  }

  /** The wire name (file-server), or the raw enum for a role this CLI does not know. */
  static String role(AclToken token) {
    try {
      return dev.synod.security.identity.Role.fromProto(token.getRole()).wireName();
    } catch (IllegalArgumentException unknown) {
      return token.getRole().name();
    }
  }

  static String expires(AclToken token) {
    return token.getExpiresAtUnixMs() == 0 ? "never" : Instant.ofEpochMilli(token.getExpiresAtUnixMs()).toString();
  }
}
