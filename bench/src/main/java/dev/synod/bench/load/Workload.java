package dev.synod.bench.load;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a load run does, whatever system it drives. Each client has at most one operation in flight.
 * Closed loop: a client sends when its last operation completes. Open loop: operations are due at a
 * fixed total rate spread over the clients, and latency counts from when each was due (no coordinated omission).
 */
public final class Workload {
  private final int clients;
  private final int connections;
  private final int keyCount;
  private final int keyBytes;
  private final int valueBytes;
  private final double readFraction;
  private final Consistency readConsistency;
  private final Duration duration;
  private final long opCount;
  private final Duration warmup;
  private final double rate;
  private final long seed;

  private Workload(Builder b) {
    this.clients = b.clients;
    this.connections = b.connections;
    this.keyCount = b.keyCount;
    this.keyBytes = b.keyBytes;
    this.valueBytes = b.valueBytes;
    this.readFraction = b.readFraction;
    this.readConsistency = b.readConsistency;
    this.duration = b.duration == null && b.opCount == null ? Duration.ofSeconds(30) : b.duration;
    this.opCount = b.opCount == null ? 0 : b.opCount;
    this.warmup = b.warmup;
    this.rate = b.rate == null ? 0 : b.rate;
    this.seed = b.seed;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int clients() {
    return clients;
  }

  /** Connections the target opens to each node; the runner does not use them. */
  public int connections() {
    return connections;
  }

  public int keyCount() {
    return keyCount;
  }

  public int keyBytes() {
    return keyBytes;
  }

  public int valueBytes() {
    return valueBytes;
  }

  /** The share of operations that are reads, 0.0 to 1.0; the rest are puts. */
  public double readFraction() {
    return readFraction;
  }

  public Consistency readConsistency() {
    return readConsistency;
  }

  /** How long the measured part runs, when the run is bounded by time. */
  public Optional<Duration> duration() {
    return Optional.ofNullable(duration);
  }

  /** How many measured operations run, when the run is bounded by a count. */
  public OptionalLong opCount() {
    return duration == null ? OptionalLong.of(opCount) : OptionalLong.empty();
  }

  public Duration warmup() {
    return warmup;
  }

  /** Total operations per second of an open-loop run; empty for a closed loop. */
  public OptionalDouble openLoopRate() {
    return rate > 0 ? OptionalDouble.of(rate) : OptionalDouble.empty();
  }

  /** Seeds each client's key and operation choices: two systems see the same sequences. */
  public long seed() {
    return seed;
  }

  @Override
  public String toString() {
    String loop = rate > 0 ? "open loop at " + BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString()
        + " ops/s" : "closed loop";
    return loop + ", clients " + clients
        + ", connections " + connections + ", keys " + keyCount + " x " + keyBytes + " B, values "
        + valueBytes + " B, reads " + readFraction + " " + readConsistency
        + (duration != null ? ", duration " + duration : ", ops " + opCount) + ", warm-up " + warmup;
  }

  /**
   * Defaults: one closed-loop client writing 256 B values over 10,000 keys for 30 s after 5 s of warm-up.
   * The measured part is bounded by a duration (the usual way to compare systems) or an op count, not both.
   */
  public static final class Builder {
    private int clients = 1;
    private int connections = 1;
    private int keyCount = 10_000;
    private int keyBytes = 16;
    private int valueBytes = 256;
    private double readFraction;
    private Consistency readConsistency = Consistency.LINEARIZABLE;
    private Duration duration;
    private Long opCount;
    private Duration warmup = Duration.ofSeconds(5);
    private Double rate;
    private long seed = 1;

    private Builder() {}

    public Builder clients(int clients) {
      this.clients = clients;
      return this;
    }

    public Builder connections(int connections) {
      this.connections = connections;
      return this;
    }

    public Builder keyCount(int keyCount) {
      this.keyCount = keyCount;
      return this;
    }

    public Builder keyBytes(int keyBytes) {
      this.keyBytes = keyBytes;
      return this;
    }

    public Builder valueBytes(int valueBytes) {
      this.valueBytes = valueBytes;
      return this;
    }

    public Builder readFraction(double readFraction) {
      this.readFraction = readFraction;
      return this;
    }

    public Builder readConsistency(Consistency readConsistency) {
      this.readConsistency = readConsistency;
      return this;
    }

    public Builder duration(Duration duration) {
      this.duration = duration;
      return this;
    }

    public Builder opCount(long opCount) {
      this.opCount = opCount;
      return this;
    }

    public Builder warmup(Duration warmup) {
      this.warmup = warmup;
      return this;
    }

    /** An open loop at {@code opsPerSecond} in total; the default is a closed loop. */
    public Builder openLoop(double opsPerSecond) {
      this.rate = opsPerSecond;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** @throws IllegalArgumentException naming the first bad setting, its value and the limit */
    public Workload build() {
      WorkloadChecks.check(clients, connections, keyCount, keyBytes, valueBytes, readFraction,
          readConsistency, duration, opCount, warmup, rate);
      return new Workload(this);
    }
  }
}
