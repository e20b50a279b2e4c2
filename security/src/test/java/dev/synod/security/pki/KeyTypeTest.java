package dev.synod.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;

class KeyTypeTest {

  @Test
  void wireNamesRoundTrip() {
    for (KeyType type : KeyType.values()) {
      assertThat(KeyType.parse("key-type", type.wireName())).isEqualTo(type);
    }
    assertThat(KeyType.EC_P384.wireName()).isEqualTo("ec-p384");
    assertThat(KeyType.RSA_4096.signatureAlgorithm()).isEqualTo("SHA256withRSA");
    assertThat(KeyType.EC_P384.signatureAlgorithm()).isEqualTo("SHA384withECDSA");
  }

  @Test
  void parseNamesFieldValueAndChoices() {
    assertThatThrownBy(() -> KeyType.parse("key-type", "dsa"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key-type: \"dsa\" (expected: one of ec-p256, ec-p384, rsa-2048, rsa-4096)");
  }

  @Test
  void generatesTheNamedCurve() {
    ECPublicKey p384 = (ECPublicKey) KeyType.EC_P384.generate().getPublic();
    assertThat(p384.getParams().getCurve().getField().getFieldSize()).isEqualTo(384);
    assertThat(KeyType.EC_P256.generate().getPublic().getAlgorithm()).isEqualTo("EC");
  }
}
