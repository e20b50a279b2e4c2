package dev.synod.consensus;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The framing of a batch, used three times: a proposal (the commands a node sends to the leader), a log entry
 * (each command prepared, or the reason prepare refused it) and a reply (each command's result). Layout:
 * version byte, frame count, then per frame a kind byte, a length and the bytes. Decoding checks every length,
 * so a damaged batch fails with a message instead of misreading its neighbours.
 */
final class Frames {
  static final byte VERSION = 1;

  enum Kind {
    COMMAND, PREPARED, REJECTED, RESULT, FAILED;

    private static final Kind[] ALL = values();
  }

  record Frame(Kind kind, byte[] payload) {}

  private static final int HEADER = 1 + 4;
  private static final int FRAME_HEADER = 1 + 4;

  private Frames() {}

  static int encodedSize(List<Frame> frames) {
    int size = HEADER;
    for (Frame f : frames) {
      size += FRAME_HEADER + f.payload().length;
    }
    return size;
  }

  static byte[] encode(List<Frame> frames) {
    if (frames.isEmpty() || frames.size() > Revisions.SLOTS) {
      throw new IllegalArgumentException("frames: " + frames.size() + " (expected: in [1, " + Revisions.SLOTS + "])");
    }
    ByteBuffer out = ByteBuffer.allocate(encodedSize(frames));
    out.put(VERSION).putInt(frames.size());
    for (Frame f : frames) {
      out.put((byte) f.kind().ordinal()).putInt(f.payload().length).put(f.payload());
    }
    return out.array();
  }

  /** Throws IllegalArgumentException naming {@code what}, the field and the limit when the bytes are no batch. */
  static List<Frame> decode(String what, byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte version = in.get();
      if (version != VERSION) {
        throw new IllegalArgumentException(what + ".version: " + version + " (expected: " + VERSION + ")");
      }
      int count = in.getInt();
      if (count < 1 || count > Revisions.SLOTS) {
        throw new IllegalArgumentException(what + ".count: " + count + " (expected: in [1, " + Revisions.SLOTS + "])");
      }
      List<Frame> frames = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        frames.add(frame(what, i, in));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(what + ": " + in.remaining() + " bytes after the last frame (expected: 0)");
      }
      return frames;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException(what + ": " + bytes.length + " bytes end inside a header (truncated)", e);
    }
  }

  private static Frame frame(String what, int i, ByteBuffer in) {
    int kind = in.get();
    if (kind < 0 || kind >= Kind.ALL.length) {
      throw new IllegalArgumentException(what + ".frame[" + i + "].kind: " + kind
          + " (expected: in [0, " + (Kind.ALL.length - 1) + "])");
    }
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException(what + ".frame[" + i + "].length: " + length
          + " (expected: in [0, " + in.remaining() + "], the bytes left)");
    }
    byte[] payload = new byte[length];
    in.get(payload);
    return new Frame(Kind.ALL[kind], payload);
  }
}
