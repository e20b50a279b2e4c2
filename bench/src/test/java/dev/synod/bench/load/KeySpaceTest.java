package dev.synod.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeySpaceTest {
  @Test
  void keysAreZeroPaddedIndexesOfTheKeySize() {
    KeySpace keys = new KeySpace(1_000, 8, 256, 1);
    assertThat(text(keys.key(0))).isEqualTo("00000000");
    assertThat(text(keys.key(42))).isEqualTo("00000042");
    assertThat(text(keys.key(999))).isEqualTo("00000999");
  }

  @Test
  void everyKeyIsDistinctAtTheSmallestKeySize() {
    KeySpace keys = new KeySpace(10_000, KeySpace.minKeyBytes(10_000), 0, 1);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < keys.keyCount(); i++) {
      assertThat(seen.add(text(keys.key(i)))).isTrue();
    }
    assertThat(KeySpace.minKeyBytes(10_000)).isEqualTo(4);
    assertThat(KeySpace.minKeyBytes(10_001)).isEqualTo(5);
    assertThat(KeySpace.minKeyBytes(1)).isEqualTo(1);
  }

  @Test
  void theValueHasTheValueSizeAndDependsOnlyOnTheSeed() {
    assertThat(new KeySpace(10, 2, 256, 7).value()).hasSize(256).isEqualTo(new KeySpace(10, 2, 256, 7).value());
    assertThat(new KeySpace(10, 2, 256, 7).value()).isNotEqualTo(new KeySpace(10, 2, 256, 8).value());
  }

  @Test
  void anIndexOutsideTheKeySpaceIsRejected() {
    assertThatThrownBy(() -> new KeySpace(10, 2, 0, 1).key(10))
        .hasMessage("key index 10 (expected: 0..9)");
    assertThatThrownBy(() -> new KeySpace(100, 1, 0, 1))
        .hasMessage("keyBytes: 1 (expected: >= 2 for keyCount 100)");
  }

  private static String text(byte[] key) {
    return new String(key, StandardCharsets.US_ASCII);
  }
}
