package dev.synod.bench.load;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The keys and the value of a workload. Key {@code i} is {@code i} in decimal, zero-padded to the
 * key size ({@code 0000000000000042}), so every key has the same size and no two collide. All puts
 * carry the same pseudo-random value: neither system compresses values, so its content does not matter.
 */
public final class KeySpace {
  private final int keyCount;
  private final int keyBytes;
  private final byte[] value;

  public KeySpace(int keyCount, int keyBytes, int valueBytes, long seed) {
    if (keyCount < 1) {
      throw new IllegalArgumentException("keyCount: " + keyCount + " (expected: >= 1)");
    }
    if (keyBytes < minKeyBytes(keyCount)) {
      throw new IllegalArgumentException("keyBytes: " + keyBytes
          + " (expected: >= " + minKeyBytes(keyCount) + " for keyCount " + keyCount + ")");
    }
    if (valueBytes < 0) {
      throw new IllegalArgumentException("valueBytes: " + valueBytes + " (expected: >= 0)");
    }
    this.keyCount = keyCount;
    this.keyBytes = keyBytes;
    this.value = new byte[valueBytes];
    new SplittableRandom(seed).nextBytes(value);
  }

  public static KeySpace of(Workload workload) {
    return new KeySpace(workload.keyCount(), workload.keyBytes(), workload.valueBytes(), workload.seed());
  }

  /** The fewest bytes that hold {@code keyCount} distinct keys: the digits of the largest index. */
  public static int minKeyBytes(int keyCount) {
    return Integer.toString(Math.max(0, keyCount - 1)).length();
  }

  public int keyCount() {
    return keyCount;
  }

  /** A new array each time: a target may keep it until its operation completes. */
  public byte[] key(int index) {
    if (index < 0 || index >= keyCount) {
      throw new IndexOutOfBoundsException("key index " + index + " (expected: 0.." + (keyCount - 1) + ")");
    }
    byte[] key = new byte[keyBytes];
    Arrays.fill(key, (byte) '0');
    int n = index;
    for (int i = keyBytes - 1; n > 0; i--) {
      key[i] = (byte) ('0' + n % 10);
      n /= 10;
    }
    return key;
  }

  /** Shared by every put; targets must not modify it. */
  public byte[] value() {
    return value;
  }
}
