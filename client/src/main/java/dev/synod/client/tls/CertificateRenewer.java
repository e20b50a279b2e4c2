package dev.synod.client.tls;

import dev.synod.client.SignedCertificate;
import dev.synod.client.SynodClient;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.Csr;
import dev.synod.security.pki.KeyType;
import dev.synod.security.tls.TlsCredentials;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a certificate from the cluster's CA fresh: generates a key, has a CSR signed through
 * {@code Certificates.Sign} (authenticated by the client's join token or current certificate),
 * writes key, certificate and CA files, optionally swaps the identity of live {@link
 * TlsCredentials}, and renews again two thirds into the certificate's lifetime. Failures are
 * retried with backoff from 1 s to 1 min, never later than the current certificate's expiry.
 *
 * <p>The first renewal runs as soon as the renewer starts. Runs on the given scheduler, which the
 * caller owns; {@link #close()} stops future renewals but leaves the scheduler and client open.
 */
public final class CertificateRenewer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CertificateRenewer.class);

  private final SynodClient client;
  private final SpiffeId identity;
  private final RenewedFiles files;
  private final Duration ttl;
  private final KeyType keyType;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final TlsCredentials credentials;
  private final AtomicLong renewals = new AtomicLong();
  private volatile X509Certificate current;
  private volatile RuntimeException lastFailure;
  private int failures;
  private ScheduledFuture<?> next;
  private boolean closed;

  private CertificateRenewer(Builder b) {
    this.client = b.client;
    this.identity = b.identity;
    this.files = new RenewedFiles(b.certFile, b.keyFile, b.caFile);
    this.ttl = b.ttl;
    this.keyType = b.keyType;
    this.clock = b.clock;
    this.scheduler = b.scheduler;
    this.credentials = b.credentials;
  }

  /** Starts building a renewer that signs through {@code client}. */
  public static Builder builder(SynodClient client) {
    return new Builder(client);
  }

  private static CertificateRenewer start(Builder b) {
    CertificateRenewer renewer = new CertificateRenewer(b);
    renewer.schedule(Duration.ZERO);
    return renewer;
  }

  /** The certificate most recently obtained, if any. */
  public Optional<X509Certificate> current() {
    return Optional.ofNullable(current);
  }

  /** How many certificates this renewer has obtained and written. */
  public long renewals() {
    return renewals.get();
  }

  /** The failure of the latest attempt, if it failed; empty after a success. */
  public Optional<RuntimeException> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /** Stops renewing; a renewal already under way still finishes writing its files. */
  @Override
  public synchronized void close() {
    closed = true;
    if (next != null) {
      next.cancel(false);
    }
  }

  private void renew() {
    Duration delay;
    try {
      X509Certificate cert = renewOnce();
      Instant now = clock.instant();
      delay = RenewalSchedule.untilRenewal(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), now);
      log.info("certificate renewed: {} (serial {}), valid until {}; next renewal in {}", describe(cert),
          cert.getSerialNumber().toString(16), cert.getNotAfter().toInstant(), delay);
      synchronized (this) {
        failures = 0;
      }
    } catch (RuntimeException e) {
      lastFailure = e;
      X509Certificate cert = current;
      int n;
      synchronized (this) {
        n = ++failures;
      }
      delay = RenewalSchedule.retryDelay(n, clock.instant(), cert == null ? null : cert.getNotAfter().toInstant());
      log.warn("certificate renewal for {} failed (attempt {}), retrying in {}: {}", identity, n, delay, e.toString());
    }
    schedule(delay);
  }

  private X509Certificate renewOnce() {
    KeyPair keys = keyType.generate();
    String csr = Csr.create(keys, keyType, identity);
    SignedCertificate signed = client.certificates().sign(csr, identity.name(), ttl, List.of(), List.of());
    // Refuses a certificate for some other key before anything is written.
    CertificateMaterial material = new CertificateMaterial(signed.certificate(), keys.getPrivate());
    files.write(material, signed.caCertificates());
    if (credentials != null) {
      credentials.updateIdentity(material);
    }
    current = material.certificate();
    lastFailure = null;
    renewals.incrementAndGet();
    return material.certificate();
  }

  private String describe(X509Certificate cert) {
    try {
      return SpiffeId.fromCertificate(cert).map(SpiffeId::toString).orElse("(no SPIFFE id; asked for " + identity + ")");
    } catch (CertificateException e) {
      return "(unreadable SPIFFE id: " + e.getMessage() + ")";
    }
  }

  private synchronized void schedule(Duration delay) {
    if (closed) {
      return;
    }
    try {
      next = scheduler.schedule(this::renew, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      closed = true;
      log.warn("certificate renewal for {} stopped: the scheduler was shut down ({})", identity, e.toString());
    }
  }

  /** Paths, identity and timing of a {@link CertificateRenewer}. */
  public static final class Builder {
    private final SynodClient client;
    private SpiffeId identity;
    private Path certFile;
    private Path keyFile;
    private Path caFile;
    private Duration ttl = Duration.ZERO;
    private KeyType keyType = KeyType.EC_P256;
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private TlsCredentials credentials;

    Builder(SynodClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Required. Its name is the name requested from the CA; cluster and role only shape the CSR,
     * since the CA takes the role from the caller's credential.
     */
    public Builder identity(SpiffeId identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /** Required: where the certificate, its private key (mode 0600) and the CA certificates go. */
    public Builder files(Path certFile, Path keyFile, Path caFile) {
      this.certFile = Objects.requireNonNull(certFile, "certFile");
      this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
      this.caFile = Objects.requireNonNull(caFile, "caFile");
      return this;
    }

    /** Requested lifetime; zero (the default) asks for the cluster's default. */
    public Builder ttl(Duration ttl) {
      if (ttl == null || ttl.isNegative()) {
        throw new IllegalArgumentException("ttl: " + ttl + " (expected: >= 0; 0 means the cluster default)");
      }
      this.ttl = ttl;
      return this;
    }

    /** Key algorithm of each new key; default EC P-256. */
    public Builder keyType(KeyType keyType) {
      this.keyType = Objects.requireNonNull(keyType, "keyType");
      return this;
    }

    /** The clock that renewal times are computed with; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Required: runs the renewals; the caller owns it. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Also presents each new certificate in handshakes of these credentials from then on. */
    public Builder updating(TlsCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Validates and starts: the first renewal runs at once on the scheduler. */
    public CertificateRenewer start() {
      if (identity == null) {
        throw new IllegalStateException("identity: not set (expected: the SPIFFE id to request)");
      }
      if (certFile == null) {
        throw new IllegalStateException("files: not set (expected: certificate, key and CA file paths)");
      }
      if (scheduler == null) {
        throw new IllegalStateException("scheduler: not set (expected: a ScheduledExecutorService)");
      }
      return CertificateRenewer.start(this);
    }
  }
}
