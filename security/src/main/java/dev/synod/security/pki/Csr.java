package dev.synod.security.pki;

import dev.synod.security.identity.SpiffeId;
import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** PKCS#10 certificate signing requests: a node proves it holds a key and asks the CA to certify it. */
public final class Csr {
  /** The field CSRs arrive in (the API's {@code csr_pem}); errors name it. */
  private static final String FIELD = "csr_pem";
  private static final String TYPE = "CERTIFICATE REQUEST";
  private static final String LEGACY_TYPE = "NEW CERTIFICATE REQUEST";

  private Csr() {}

  /** PEM "CERTIFICATE REQUEST" for {@code keyPair}, subject {@code CN=<name>, O=<cluster>}, asking for the SPIFFE URI SAN. */
  public static String create(KeyPair keyPair, KeyType keyType, SpiffeId id) {
    String algorithm = keyPair.getPublic().getAlgorithm();
    if (!keyType.algorithm().equals(algorithm)) {
      throw new IllegalArgumentException("keyType: " + keyType.wireName() + " (expected: a key type matching the " + algorithm + " key pair)");
    }
    try {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, id.toString())));
      PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
              CertificateBuilder.name(id.name(), id.clusterId()), keyPair.getPublic())
          .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
          .build(new JcaContentSignerBuilder(keyType.signatureAlgorithm()).build(keyPair.getPrivate()));
      return PemCodec.encode(TYPE, csr.getEncoded());
    } catch (IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot build CSR for " + id + ": " + e.getMessage(), e);
    }
  }

  /** Parses and checks the self-signature, so the requester is known to hold the private key. */
  public static PKCS10CertificationRequest parse(String pem) {
    List<PemObject> blocks = PemCodec.blocks(FIELD, pem);
    PemObject block = blocks.stream()
        .filter(b -> TYPE.equals(b.getType()) || LEGACY_TYPE.equals(b.getType()))
        .findFirst()
        .orElseThrow(() -> new PemException(FIELD + ": no " + TYPE + " block found (expected: -----BEGIN " + TYPE + "-----, found: "
            + (blocks.isEmpty() ? "no PEM blocks" : String.join(", ", blocks.stream().map(PemObject::getType).toList())) + ")"));
    PKCS10CertificationRequest csr;
    try {
      csr = new PKCS10CertificationRequest(block.getContent());
    } catch (IOException | RuntimeException e) {
      throw new PemException(FIELD + ": malformed " + TYPE + ": " + e.getMessage(), e);
    }
    verify(csr);
    return csr;
  }

  static void verify(PKCS10CertificationRequest csr) {
    PublicKey key = Keys.publicKey(FIELD, csr.getSubjectPublicKeyInfo());
    boolean valid;
    try {
      valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
    } catch (OperatorCreationException | PKCSException | RuntimeException e) {
      throw new IllegalArgumentException(FIELD + ": signature does not verify: " + e.getMessage(), e);
    }
    if (!valid) {
      throw new IllegalArgumentException(FIELD + ": signature does not verify (expected: signed by the requested public key)");
    }
  }
}
