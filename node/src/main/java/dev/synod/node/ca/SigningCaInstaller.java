package dev.synod.node.ca;

import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.InstallSigningCaCommand;
import dev.synod.proto.v1.SigningCa;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.Pem;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader duty on a node that was given the CA key: replicate it once, so every later leader can sign even if
 * it was never given the key file itself.
 */
public final class SigningCaInstaller {
  private static final Logger log = LoggerFactory.getLogger(SigningCaInstaller.class);

  private final SigningCa material;
  private final SigningCaSource installed;
  private final Function<Command, CompletableFuture<?>> propose;
  private CompletableFuture<?> inFlight = CompletableFuture.completedFuture(null);

  public SigningCaInstaller(CertificateMaterial ca, SigningCaSource installed,
      Function<Command, CompletableFuture<?>> propose) {
    this.material = SigningCa.newBuilder().setCertificatePem(Pem.encodeCertificates(ca.certificate()))
        .setPrivateKeyPem(Pem.encodePrivateKey(ca.privateKey())).build();
    this.installed = installed;
    this.propose = propose;
  }

  /** Called on the leader's duty tick. */
  public synchronized void tick() {
    if (!inFlight.isDone() || installed.current().isPresent()) {
      return;
    }
    inFlight = propose.apply(Command.newBuilder().setInstallSigningCa(InstallSigningCaCommand.newBuilder()
        .setCa(material)).build()).whenComplete((r, e) -> {
          if (e != null) {
            log.warn("replicating the signing CA failed; will retry: {}", e.toString());
          } else {
            log.info("replicated the signing CA through Raft");
          }
        });
  }
}
