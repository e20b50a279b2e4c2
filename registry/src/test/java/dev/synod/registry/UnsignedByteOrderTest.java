package dev.synod.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class UnsignedByteOrderTest {
  @Property(tries = 2000)
  void agreesWithProtobufsComparatorOnEveryKindOfByteString(@ForAll("byteStrings") ByteString a,
      @ForAll("byteStrings") ByteString b) {
    int expected = Integer.signum(ByteString.unsignedLexicographicalComparator().compare(a, b));
    assertThat(Integer.signum(UnsignedByteOrder.INSTANCE.compare(a, b))).isEqualTo(expected);
    assertThat(Integer.signum(UnsignedByteOrder.INSTANCE.compare(b, a))).isEqualTo(-expected);
  }

  @Test
  void bytesAbove0x7fSortAfterLowerBytesAndAPrefixSortsFirst() {
    ByteString low = ByteString.copyFrom(new byte[] {0x01, 0x7f});
    ByteString high = ByteString.copyFrom(new byte[] {0x01, (byte) 0x80});
    ByteString prefix = ByteString.copyFrom(new byte[] {0x01});

    assertThat(UnsignedByteOrder.INSTANCE.compare(low, high)).isNegative();
    assertThat(UnsignedByteOrder.INSTANCE.compare(high, low)).isPositive();
    assertThat(UnsignedByteOrder.INSTANCE.compare(prefix, low)).isNegative();
    assertThat(UnsignedByteOrder.INSTANCE.compare(ByteString.EMPTY, prefix)).isNegative();
    assertThat(UnsignedByteOrder.INSTANCE.compare(high, ByteString.copyFrom(high.toByteArray()))).isZero();
  }

  /** Flat strings, substrings at an offset (a view into a larger array) and concatenations (ropes). */
  @Provide
  Arbitrary<ByteString> byteStrings() {
    // Few distinct byte values, so that long shared prefixes and equal strings are common.
    Arbitrary<byte[]> bytes = Arbitraries.bytes().filter(b -> b == 0 || b == 1 || b == 127 || b < -126 || b == -1)
        .array(byte[].class).ofMaxSize(40);
    Arbitrary<ByteString> flat = bytes.map(ByteString::copyFrom);
    Arbitrary<ByteString> offset = Combinators.combine(bytes, Arbitraries.integers().between(0, 5))
        .as((b, cut) -> ByteString.copyFrom(b).substring(Math.min(cut, b.length)));
    Arbitrary<ByteString> rope = Combinators.combine(flat, flat).as(ByteString::concat);
    return Arbitraries.oneOf(flat, offset, rope);
  }
}
