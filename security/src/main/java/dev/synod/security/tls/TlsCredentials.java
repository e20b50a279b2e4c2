package dev.synod.security.tls;

import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateMaterial;
import io.grpc.util.AdvancedTlsX509KeyManager;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's TLS identity and the CAs it trusts, both replaceable at runtime. A swap affects only
 * handshakes that start afterwards: established connections keep the keys they negotiated.
 */
public final class TlsCredentials implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TlsCredentials.class);

  // gRPC's key manager gives each identity a fresh alias and still serves the previous one, so a
  // handshake that chose its alias just before a swap never pairs the old certificate with the new key.
  private final AdvancedTlsX509KeyManager keyManager = new AdvancedTlsX509KeyManager();
  private final PeerTrustManager trustManager;
  private final CredentialFiles files;
  private final ScheduledExecutorService reloader;
  private volatile Identity identity;

  private record Identity(CertificateMaterial material, Optional<SpiffeId> id) {}

  private TlsCredentials(PeerTrustManager trustManager, CredentialFiles files) {
    this.trustManager = trustManager;
    this.files = files;
    // The executor starts its thread with the first task, i.e. only once loading has succeeded.
    this.reloader = files == null ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "synod-tls-reload");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Loads the files now (a {@link dev.synod.security.pki.PemException} names the bad one), then
   * re-reads them every {@code reloadInterval} once their modification time, size or inode changes.
   * {@code certFile} and {@code keyFile} are both null for a node without an identity of its own.
   */
  public static TlsCredentials fromFiles(Path caFile, Path certFile, Path keyFile, PeerPolicy policy, Duration reloadInterval) {
    if (reloadInterval == null || reloadInterval.isNegative() || reloadInterval.isZero()) {
      throw new IllegalArgumentException("reloadInterval: " + reloadInterval + " (expected: > 0)");
    }
    CredentialFiles files = new CredentialFiles(caFile, certFile, keyFile);
    TlsCredentials credentials = new TlsCredentials(PeerTrustManager.create(files.readCas(), policy), files);
    if (files.hasIdentity()) {
      credentials.updateIdentity(files.readIdentity());
    }
    long nanos = reloadInterval.toNanos();
    credentials.reloader.scheduleWithFixedDelay(() -> credentials.reload(false), nanos, nanos, TimeUnit.NANOSECONDS);
    return credentials;
  }

  /** Fixed credentials without a reload thread; {@code identity} may be null. */
  public static TlsCredentials fromMaterial(CertificateMaterial identity, List<X509Certificate> trustedCas, PeerPolicy policy) {
    TlsCredentials credentials = new TlsCredentials(PeerTrustManager.create(trustedCas, policy), null);
    if (identity != null) {
      credentials.updateIdentity(identity);
    }
    return credentials;
  }

  /** An SSLContext presenting this identity and verifying peers with {@link #trustManager()}. */
  public static SSLContext sslContext(TlsCredentials credentials) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      // Always the swappable key manager, so an identity set later is still picked up.
      context.init(new KeyManager[] {credentials.keyManager}, new TrustManager[] {credentials.trustManager}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a TLS context: " + e.getMessage(), e);
    }
  }

  /** Empty while there is no identity. Chooses the current identity for client and server handshakes. */
  public Optional<X509ExtendedKeyManager> keyManager() {
    return identity == null ? Optional.empty() : Optional.of(keyManager);
  }

  public PeerTrustManager trustManager() {
    return trustManager;
  }

  /** Presents {@code material} in every handshake from now on, e.g. after a renewal. Synchronized with reloads. */
  public synchronized void updateIdentity(CertificateMaterial material) {
    if (material == null) {
      throw new IllegalArgumentException("identity: null (expected: a certificate with its key)");
    }
    Optional<SpiffeId> id;
    try {
      id = SpiffeId.fromCertificate(material.certificate());
    } catch (CertificateException e) {
      throw new IllegalArgumentException("identity: " + e.getMessage(), e);
    }
    keyManager.updateIdentityCredentials(new X509Certificate[] {material.certificate()}, material.privateKey());
    identity = new Identity(material, id);
  }

  public Optional<X509Certificate> certificate() {
    Identity current = identity;
    return current == null ? Optional.empty() : Optional.of(current.material().certificate());
  }

  public Optional<SpiffeId> identity() {
    Identity current = identity;
    return current == null ? Optional.empty() : current.id();
  }

  public List<X509Certificate> trustedCas() {
    return trustManager.trusted();
  }

  /** Re-reads all files now, whether or not they changed; failures are logged as by the reload thread. */
  public void reloadNow() {
    if (files == null) {
      throw new IllegalStateException("reloadNow: these credentials were built from material, not files");
    }
    reload(true);
  }

  @Override
  public void close() {
    if (reloader == null) {
      return;
    }
    reloader.shutdownNow();
    try {
      // A reload in progress finishes its file reads quickly; waiting makes close() a clean cut-off.
      reloader.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A failed read keeps the previous value: a half-written or mismatched file must not cut a node off. */
  private synchronized void reload(boolean force) {
    if (force || files.casChanged()) {
      try {
        trustManager.updateTrusted(files.readCas());
        log.info("TLS trusted CAs reloaded from {}: {} certificate(s)", files.describeCas(), trustManager.trusted().size());
      } catch (RuntimeException e) {
        log.warn("TLS reload of {} failed, keeping the previous trusted CAs: {}", files.describeCas(), e.getMessage());
      }
    }
    if (files.hasIdentity() && (force || files.identityChanged())) {
      try {
        updateIdentity(files.readIdentity());
        X509Certificate cert = identity.material().certificate();
        log.info("TLS identity reloaded from {}: {} valid until {}", files.describeIdentity(),
            identity.id().map(SpiffeId::toString).orElse("no SPIFFE id"), cert.getNotAfter().toInstant());
      } catch (RuntimeException e) {
        log.warn("TLS reload of {} failed, keeping the previous identity: {}", files.describeIdentity(), e.getMessage());
      }
    }
  }
}
