package dev.synod.bench.load;

import static dev.synod.bench.load.WorkloadLimits.MAX_CLIENTS;
import static dev.synod.bench.load.WorkloadLimits.MAX_CONNECTIONS;
import static dev.synod.bench.load.WorkloadLimits.MAX_DURATION;
import static dev.synod.bench.load.WorkloadLimits.MAX_KEY_BYTES;
import static dev.synod.bench.load.WorkloadLimits.MAX_KEY_COUNT;
import static dev.synod.bench.load.WorkloadLimits.MAX_OP_COUNT;
import static dev.synod.bench.load.WorkloadLimits.MAX_RATE;
import static dev.synod.bench.load.WorkloadLimits.MAX_VALUE_BYTES;
import static dev.synod.bench.load.WorkloadLimits.MAX_WARMUP;

import java.time.Duration;

/** Validates workload settings; each message names the setting, the value and the limit. */
final class WorkloadChecks {
  private WorkloadChecks() {}

  static void check(int clients, int connections, int keyCount, int keyBytes, int valueBytes,
      double readFraction, Consistency readConsistency, Duration duration, Long opCount, Duration warmup,
      Double rate) {
    range("clients", clients, 1, MAX_CLIENTS);
    range("connections", connections, 1, MAX_CONNECTIONS);
    if (connections > clients) {
      // An extra connection would carry no client's traffic.
      fail("connections", connections, "1.." + clients + ", at most clients");
    }
    range("keyCount", keyCount, 1, MAX_KEY_COUNT);
    int minKeyBytes = KeySpace.minKeyBytes(keyCount);
    if (keyBytes < minKeyBytes || keyBytes > MAX_KEY_BYTES) {
      fail("keyBytes", keyBytes, minKeyBytes + ".." + MAX_KEY_BYTES + " for keyCount " + keyCount);
    }
    range("valueBytes", valueBytes, 0, MAX_VALUE_BYTES);
    if (!(readFraction >= 0 && readFraction <= 1)) {
      fail("readFraction", readFraction, "0.0..1.0");
    }
    if (readConsistency == null) {
      fail("readConsistency", null, "LINEARIZABLE or SERIALIZABLE");
    }
    if (duration != null && opCount != null) {
      fail("opCount", opCount, "unset when duration " + duration + " is set; choose one bound");
    }
    if (duration != null && (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0)) {
      fail("duration", duration, "> PT0S and <= " + MAX_DURATION);
    }
    if (opCount != null && (opCount < 1 || opCount > MAX_OP_COUNT)) {
      fail("opCount", opCount, "1.." + MAX_OP_COUNT);
    }
    if (warmup == null || warmup.isNegative() || warmup.compareTo(MAX_WARMUP) > 0) {
      fail("warmup", warmup, "PT0S.." + MAX_WARMUP);
    }
    if (rate != null && !(rate > 0 && rate <= MAX_RATE)) {
      fail("rate", rate, "> 0 and <= " + (long) MAX_RATE + " ops/s");
    }
  }

  private static void range(String field, long value, long min, long max) {
    if (value < min || value > max) {
      fail(field, value, min + ".." + max);
    }
  }

  private static void fail(String field, Object value, String expected) {
    throw new IllegalArgumentException(field + ": " + value + " (expected: " + expected + ")");
  }
}
