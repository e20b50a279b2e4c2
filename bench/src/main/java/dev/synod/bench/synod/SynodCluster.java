package dev.synod.bench.synod;

import dev.synod.client.SynodClient;
import dev.synod.security.pki.CertificateAuthority;
import dev.synod.security.tls.TlsCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Synod cluster of real {@code synod agent} processes on 127.0.0.1, started from {@link SynodSettings}.
 * Each member logs to {@code node-i/agent.log} (appended to across restarts). Every method that waits
 * has a deadline. {@link #close} stops the members; their data directories stay for the caller to inspect or delete.
 */
public final class SynodCluster implements AutoCloseable {
  /** Three JVMs starting at once on two cores, then gossip discovery and the first election. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  /** Many randomized election timeouts of 0.5..1 s, with room for split votes on two busy cores. */
  public static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);

  private final SynodSettings settings;
  private final SynodPki pki;
  private final TlsCredentials clientCredentials;
  private final SynodProcesses agents;
  private final SynodProbe probe;
  private final SynodLeaderWait leaderWait;

  private SynodCluster(SynodSettings settings, SynodPki pki) {
    this.settings = settings;
    this.pki = pki;
    this.clientCredentials = pki == null ? null : pki.clientCredentials();
    this.agents = new SynodProcesses(settings);
    this.probe = new SynodProbe(settings, clientBuilder());
    this.leaderWait = new SynodLeaderWait(settings, probe, agents::alive, agents::state);
  }

  /**
   * Issues the certificates (with TLS), starts every member and waits until all serve, agree on a
   * leader and a linearizable read succeeds. On failure nothing is left running, and the
   * {@link IllegalStateException} carries each member's log tail.
   */
  public static SynodCluster start(SynodSettings settings) throws InterruptedException {
    SynodPorts.requireFree(settings);
    try {
      Files.createDirectories(settings.baseDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + settings.baseDir() + ": " + e.getMessage(), e);
    }
    SynodCluster cluster = new SynodCluster(settings, settings.tls() ? SynodPki.issue(settings, Clock.systemUTC()) : null);
    try {
      for (int m = 0; m < settings.members(); m++) {
        cluster.agents.launch(m);
      }
      cluster.leaderWait.await(true, START_TIMEOUT);
      return cluster;
    } catch (RuntimeException | InterruptedException e) {
      cluster.close();
      throw e;
    }
  }

  public SynodSettings settings() {
    return settings;
  }

  /** Each member's exact command line, environment included, as a shell would run it: for the report. */
  public List<String> commandLines() {
    List<String> lines = new ArrayList<>();
    for (int m = 0; m < settings.members(); m++) {
      lines.add(SynodCommandLine.shellLine(settings, m));
    }
    return lines;
  }

  /**
   * A client builder for every member's API, with the client certificate under TLS or plaintext
   * otherwise. Close the clients it builds before the cluster: the cluster owns the credentials.
   */
  public SynodClient.Builder clientBuilder() {
    SynodClient.Builder builder = SynodClient.builder().endpoints(settings.apiEndpoints());
    return clientCredentials != null ? builder.tls(clientCredentials) : builder.insecurePlaintext();
  }

  /** The CA that issued the members' certificates, so etcd can be given certificates from the same one; empty in plaintext. */
  public Optional<CertificateAuthority> certificateAuthority() {
    return pki == null ? Optional.empty() : Optional.of(pki.ca());
  }

  /** The leader's member index, once the live members that answer agree on a live, serving leader. */
  public int leader(Duration timeout) throws InterruptedException {
    return leaderWait.await(false, timeout);
  }

  /** The leader, waiting up to {@link #LEADER_TIMEOUT}. */
  public int leader() throws InterruptedException {
    return leader(LEADER_TIMEOUT);
  }

  public long pid(int member) {
    return agents.pid(member);
  }

  public boolean alive(int member) {
    return agents.alive(member);
  }

  /** SIGKILL: no chance to hand off leadership. Waits for the exit. */
  public void kill(int member) throws InterruptedException {
    agents.kill(member);
  }

  /** Starts a stopped member again on its data directory and waits until every member serves again. */
  public void restart(int member) throws InterruptedException {
    Objects.checkIndex(member, settings.members());
    if (alive(member)) {
      throw new IllegalStateException(SynodSettings.memberName(member) + " (pid " + pid(member)
          + ") is running (expected: stopped, e.g. by kill, before restart)");
    }
    agents.launch(member);
    leaderWait.await(true, START_TIMEOUT);
  }

  /** SIGTERM to every member, then SIGKILL to those still running after a while; keeps an interrupt for the caller. */
  @Override
  public void close() {
    try {
      probe.close();
    } finally {
      agents.stopAll();
      if (clientCredentials != null) {
        clientCredentials.close();
      }
    }
  }
}
