package dev.synod.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.InstallSigningCaCommand;
import dev.synod.proto.v1.InstallSigningCaResult;
import dev.synod.proto.v1.RegistryError;
import dev.synod.proto.v1.SigningCa;
import org.junit.jupiter.api.Test;

class SigningCaTest {
  private static final String KEY = "-----BEGIN PRIVATE KEY-----\nSECRET-KEY-MATERIAL\n-----END PRIVATE KEY-----\n";
  private static final SigningCa FIRST = Commands.ca("-----BEGIN CERTIFICATE-----\nfirst\n", KEY);
  private static final SigningCa SECOND = Commands.ca("-----BEGIN CERTIFICATE-----\nsecond\n", KEY + "2");

  private final Driver d = new Driver(Limits.acl(100, 128));

  @Test
  void noCaIsInstalledAtFirst() {
    assertThat(d.query(Commands.signingCa()).getSigningCa().hasCa()).isFalse();
    assertThat(d.registry.snapshot().hasSigningCa()).isFalse();
  }

  @Test
  void theFirstInstallWinsAndLaterOnesChangeNothing() {
    InstallSigningCaResult first = d.ok(Commands.installCa(FIRST)).getInstallSigningCa();
    assertThat(first.getInstalled()).isTrue();
    assertThat(first.getCertificatePem()).isEqualTo(FIRST.getCertificatePem());

    var before = d.registry.snapshot();
    InstallSigningCaResult second = d.ok(Commands.installCa(SECOND)).getInstallSigningCa();
    assertThat(second.getInstalled()).isFalse();
    assertThat(second.getCertificatePem()).isEqualTo(FIRST.getCertificatePem());
    assertThat(second.toString()).doesNotContain("SECRET-KEY");
    assertThat(d.registry.snapshot()).isEqualTo(before.toBuilder().setRevision(2).build());
    assertThat(d.query(Commands.signingCa()).getSigningCa().getCa()).isEqualTo(FIRST);
  }

  @Test
  void installingRecordsNoWatchEventAndIsNotAllowedInABatch() {
    d.ok(Commands.installCa(FIRST));
    assertThat(d.query(Commands.events(1)).getEvents().getEventsList()).isEmpty();
    RegistryError batched = d.rejected(Commands.batch(Commands.installCa(SECOND)));
    assertThat(batched.getMessage()).startsWith("commands[0].op: install_signing_ca (expected:");
  }

  @Test
  void bothPemsAreRequired() {
    Command noCa = Command.newBuilder().setInstallSigningCa(InstallSigningCaCommand.getDefaultInstance()).build();
    assertThat(d.rejected(noCa).getMessage()).isEqualTo("ca: not set (expected: a SigningCa)");
    assertThat(d.rejected(Commands.installCa(Commands.ca("", KEY))).getMessage())
        .isEqualTo("ca.certificate_pem: empty (expected: a PEM certificate)");
    assertThat(d.rejected(Commands.installCa(Commands.ca("cert", ""))).getMessage())
        .isEqualTo("ca.private_key_pem: empty (expected: a PEM private key)");
    assertThat(d.query(Commands.signingCa()).getSigningCa().hasCa()).isFalse();
  }

  @Test
  void eachPemIsLimitedAndTheKeyIsNeverPrinted() {
    RegistryError cert = d.rejected(Commands.installCa(Commands.ca("c".repeat(129), KEY)));
    assertThat(cert.getCode()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThat(cert.getMessage()).isEqualTo("ca.certificate_pem: 129 bytes (expected: <= 128)");

    String bigKey = KEY.repeat(3);
    RegistryError key = d.rejected(Commands.installCa(Commands.ca("cert", bigKey)));
    assertThat(key.getCode()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThat(key.getMessage()).isEqualTo("ca.private_key_pem: " + bigKey.length() + " bytes (expected: <= 128)");
    assertThat(key.toString()).doesNotContain("SECRET-KEY");
    d.ok(Commands.installCa(Commands.ca("c".repeat(128), KEY)));
  }

  @Test
  void defaultLimitIs16KiBPerPem() {
    Driver defaults = new Driver();
    String big = "k".repeat(16 * 1024 + 1);
    assertThat(defaults.rejected(Commands.installCa(Commands.ca("cert", big))).getMessage())
        .isEqualTo("ca.private_key_pem: 16385 bytes (expected: <= 16384)");
    defaults.ok(Commands.installCa(Commands.ca("c".repeat(16 * 1024), "k".repeat(16 * 1024))));
  }
}
