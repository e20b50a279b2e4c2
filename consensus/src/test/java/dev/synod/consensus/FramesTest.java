package dev.synod.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.consensus.Frames.Frame;
import dev.synod.consensus.Frames.Kind;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramesTest {

  @Test
  void framesRoundTripWithTheirKindsAndBytesInOrder() {
    List<Frame> frames = List.of(new Frame(Kind.PREPARED, new byte[] {1, 2, 3}), new Frame(Kind.REJECTED, new byte[0]),
        new Frame(Kind.RESULT, new byte[] {9}));

    List<Frame> decoded = Frames.decode("entry", Frames.encode(frames));

    assertThat(decoded).extracting(Frame::kind).containsExactly(Kind.PREPARED, Kind.REJECTED, Kind.RESULT);
    assertThat(decoded).extracting(Frame::payload)
        .containsExactly(new byte[] {1, 2, 3}, new byte[0], new byte[] {9});
    assertThat(Frames.encode(frames)).hasSize(Frames.encodedSize(frames));
  }

  @Test
  void aBatchHoldsOneToSlotsFrames() {
    assertThatThrownBy(() -> Frames.encode(List.of()))
        .hasMessage("frames: 0 (expected: in [1, 1024])");
    List<Frame> tooMany = Collections.nCopies(Revisions.SLOTS + 1, new Frame(Kind.COMMAND, new byte[0]));
    assertThatThrownBy(() -> Frames.encode(tooMany)).hasMessage("frames: 1025 (expected: in [1, 1024])");
  }

  @Test
  void damagedBatchesAreRefusedNamingTheFieldAndTheLimit() {
    byte[] good = Frames.encode(List.of(new Frame(Kind.COMMAND, new byte[] {7, 7})));

    byte[] version = good.clone();
    version[0] = 9;
    assertThatThrownBy(() -> Frames.decode("proposal", version))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("proposal.version: 9 (expected: 1)");

    byte[] count = good.clone();
    ByteBuffer.wrap(count).putInt(1, 5000);
    assertThatThrownBy(() -> Frames.decode("proposal", count))
        .hasMessage("proposal.count: 5000 (expected: in [1, 1024])");

    byte[] kind = good.clone();
    kind[5] = 42;
    assertThatThrownBy(() -> Frames.decode("entry", kind)).hasMessage("entry.frame[0].kind: 42 (expected: in [0, 4])");

    byte[] length = good.clone();
    ByteBuffer.wrap(length).putInt(6, 3);
    assertThatThrownBy(() -> Frames.decode("entry", length))
        .hasMessage("entry.frame[0].length: 3 (expected: in [0, 2], the bytes left)");

    byte[] trailing = ByteBuffer.allocate(good.length + 1).put(good).array();
    assertThatThrownBy(() -> Frames.decode("reply", trailing))
        .hasMessage("reply: 1 bytes after the last frame (expected: 0)");

    byte[] truncated = java.util.Arrays.copyOf(good, 3);
    assertThatThrownBy(() -> Frames.decode("reply", truncated))
        .hasMessage("reply: 3 bytes end inside a header (truncated)");
  }

  @Test
  void revisionsOrderCommandsByEntryThenSlot() {
    assertThat(Revisions.of(7, 0)).isGreaterThan(Revisions.lastOf(6));
    assertThat(Revisions.of(7, 1)).isEqualTo(Revisions.of(7, 0) + 1);
    assertThat(Revisions.lastOf(7)).isEqualTo(Revisions.of(7, Revisions.SLOTS - 1));
    assertThat(Revisions.of(7, 13) / Revisions.SLOTS).isEqualTo(7);
    assertThatThrownBy(() -> Revisions.of(7, Revisions.SLOTS))
        .hasMessage("index 7, slot 1024 (expected: index >= 0, slot in [0, 1023])");
  }
}
