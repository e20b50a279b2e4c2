package dev.synod.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.synod.proto.v1.SnapshotHeader;
import io.grpc.Status;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The on-disk snapshot format (all integers big-endian):
 *
 * <pre>
 * "SYNODSNP"            8 bytes magic
 * version               u32, = 1
 * header_len            u32, ≤ 64 KiB
 * header                SnapshotHeader protobuf, as the server sent it
 * frames                repeated { u32 len (1..1 MiB); len bytes of snapshot data }
 * end marker            u32 0
 * data_sha256           32 bytes: SHA-256 of the data (verified against the server's at save)
 * file_sha256           32 bytes: SHA-256 of every byte above
 * </pre>
 *
 * The file checksum is checked over raw bytes before anything is parsed, so any flipped byte is
 * reported as a checksum mismatch rather than as a confusing parse error.
 */
final class SnapshotFile {
  static final byte[] MAGIC = "SYNODSNP".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int MAX_HEADER_BYTES = 64 * 1024;
  static final int FRAME_BYTES = 1024 * 1024;
  static final int DIGEST_BYTES = 32;
  static final int MIN_FILE_BYTES = MAGIC.length + 4 + 4 + 4 + 2 * DIGEST_BYTES;

  private SnapshotFile() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  static SynodException corrupt(String message) {
    return new SynodException(Status.Code.DATA_LOSS, message);
  }

  /** Writes one snapshot file in a single pass over a stream it does not close. */
  static final class Writer {
    private final OutputStream buffered;
    private final DigestOutputStream digested;
    private final DataOutputStream out;
    private final MessageDigest data = sha256();
    private long dataBytes;

    Writer(OutputStream sink, SnapshotHeader header) throws IOException {
      buffered = new BufferedOutputStream(sink, 64 * 1024);
      digested = new DigestOutputStream(buffered, sha256());
      out = new DataOutputStream(digested);
      byte[] h = header.toByteArray();
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(h.length);
      out.write(h);
    }

    void data(ByteString bytes) throws IOException {
      for (int off = 0; off < bytes.size(); off += FRAME_BYTES) {
        ByteString frame = bytes.substring(off, Math.min(bytes.size(), off + FRAME_BYTES));
        out.writeInt(frame.size());
        frame.writeTo(out);
        data.update(frame.asReadOnlyByteBuffer());
      }
      dataBytes += bytes.size();
    }

    long dataBytes() {
      return dataBytes;
    }

    /** SHA-256 of the data so far; call once, then {@link #finish}. */
    byte[] dataSha256() {
      return data.digest();
    }

    void finish(byte[] dataSha256) throws IOException {
      out.writeInt(0);
      out.write(dataSha256);
      out.flush();
      buffered.write(digested.getMessageDigest().digest());
      buffered.flush();
    }
  }

  /**
   * Reads the whole stream and checks magic, version and the trailing file checksum, without
   * trusting any length field. Throws a DATA_LOSS {@link SynodException} naming the problem.
   */
  static void verify(InputStream in) throws IOException {
    MessageDigest digest = sha256();
    byte[] buf = new byte[DIGEST_BYTES + 64 * 1024];
    byte[] prefix = new byte[MAGIC.length + 4];
    int tail = 0;
    long total = 0;
    for (int n; (n = in.read(buf, tail, buf.length - tail)) > 0; ) {
      for (int i = 0; i < n && total + i < prefix.length; i++) {
        prefix[(int) total + i] = buf[tail + i];
      }
      total += n;
      int filled = tail + n;
      if (filled > DIGEST_BYTES) {
        digest.update(buf, 0, filled - DIGEST_BYTES);
        System.arraycopy(buf, filled - DIGEST_BYTES, buf, 0, DIGEST_BYTES);
        tail = DIGEST_BYTES;
      } else {
        tail = filled;
      }
    }
    if (total >= MAGIC.length && !Arrays.equals(prefix, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw corrupt("snapshot file: not a Synod snapshot (expected magic 'SYNODSNP' at offset 0)");
    }
    if (total < MIN_FILE_BYTES) {
      throw corrupt("snapshot file: truncated (" + total + " bytes; expected: at least "
          + MIN_FILE_BYTES + ")");
    }
    int version = ((prefix[8] & 0xff) << 24) | ((prefix[9] & 0xff) << 16)
        | ((prefix[10] & 0xff) << 8) | (prefix[11] & 0xff);
    byte[] recorded = Arrays.copyOf(buf, DIGEST_BYTES);
    byte[] computed = digest.digest();
    if (!Arrays.equals(recorded, computed)) {
      throw corrupt("snapshot file: sha256 checksum mismatch (the file is corrupt or truncated):"
          + " recorded " + hex(recorded) + ", computed " + hex(computed));
    }
    if (version != VERSION) {
      throw corrupt("snapshot file: format version " + version + " (expected: " + VERSION + ")");
    }
  }

  /** Parses a file that {@link #verify} accepted, frame by frame. */
  static final class Reader {
    private final DataInputStream in;
    private final SnapshotHeader header;
    private byte[] dataSha256;

    Reader(InputStream in) throws IOException {
      this.in = new DataInputStream(in);
      try {
        this.in.readFully(new byte[MAGIC.length]);
        this.in.readInt();
        int len = this.in.readInt();
        if (len < 0 || len > MAX_HEADER_BYTES) {
          throw corrupt("snapshot file: header length " + len + " (expected: 0.." + MAX_HEADER_BYTES + ")");
        }
        byte[] h = new byte[len];
        this.in.readFully(h);
        header = SnapshotHeader.parseFrom(h);
      } catch (InvalidProtocolBufferException e) {
        throw corrupt("snapshot file: malformed header (" + e.getMessage() + ")");
      } catch (EOFException e) {
        throw corrupt("snapshot file: truncated header");
      }
    }

    SnapshotHeader header() {
      return header;
    }

    /** The next data frame, or null after the end marker. */
    byte[] nextFrame() throws IOException {
      try {
        int len = in.readInt();
        if (len == 0) {
          dataSha256 = new byte[DIGEST_BYTES];
          in.readFully(dataSha256);
          return null;
        }
        if (len < 0 || len > FRAME_BYTES) {
          throw corrupt("snapshot file: frame length " + len + " (expected: 1.." + FRAME_BYTES + ")");
        }
        byte[] frame = new byte[len];
        in.readFully(frame);
        return frame;
      } catch (EOFException e) {
        throw corrupt("snapshot file: truncated data (no end marker)");
      }
    }

    /** The data checksum recorded in the file; available once {@link #nextFrame} returned null. */
    byte[] dataSha256() {
      return dataSha256;
    }
  }
}
