package dev.synod.membership;

import io.scalecube.cluster.metadata.MetadataCodec;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Encodes {@link MemberInfo} as scalecube metadata in a small deterministic binary form (no Java
 * serialization): a magic byte, a format version, six length-prefixed UTF-8 strings, then the
 * tags sorted by key. Equal infos give equal bytes, which scalecube relies on to tell an update
 * from a repeat.
 *
 * <p>scalecube asks the codec for the local metadata on every fetch, so this codec always encodes
 * the member's <em>current</em> info and ignores the object scalecube holds; that is how the
 * gossip address learned at bind time and later tag updates reach the others.
 */
final class MemberInfoCodec implements MetadataCodec {

  private static final byte MAGIC = 'S';
  private static final byte FORMAT = 1;
  private static final int MAX_STRING_BYTES = 0xFFFF;

  private final Supplier<MemberInfo> local;

  MemberInfoCodec(Supplier<MemberInfo> local) {
    this.local = local;
  }

  @Override
  public ByteBuffer serialize(Object ignored) {
    return ByteBuffer.wrap(encode(local.get()));
  }

  @Override
  public Object deserialize(ByteBuffer buffer) {
    return buffer == null || !buffer.hasRemaining() ? null : decode(buffer);
  }

  static byte[] encode(MemberInfo info) {
    byte[][] strings = {
      utf8(info.nodeId()), utf8(info.clusterId()), utf8(info.apiAddress()),
      utf8(info.raftAddress()), utf8(info.gossipAddress()), utf8(info.version())
    };
    int size = 2 + 2;
    for (byte[] s : strings) {
      size += 2 + s.length;
    }
    byte[][] tags = new byte[info.tags().size() * 2][];
    int i = 0;
    for (Map.Entry<String, String> tag : info.tags().entrySet()) { // sorted by key
      tags[i++] = utf8(tag.getKey());
      tags[i++] = utf8(tag.getValue());
    }
    for (byte[] s : tags) {
      size += 2 + s.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size).put(MAGIC).put(FORMAT);
    for (byte[] s : strings) {
      put(out, s);
    }
    out.putShort((short) info.tags().size());
    for (byte[] s : tags) {
      put(out, s);
    }
    return out.array();
  }

  /**
   * Decodes without disturbing {@code buffer}'s position.
   *
   * @throws IllegalArgumentException if the bytes are not a valid encoded {@link MemberInfo}
   */
  static MemberInfo decode(ByteBuffer buffer) {
    ByteBuffer in = buffer.duplicate();
    try {
      if (in.get() != MAGIC || in.get() != FORMAT) {
        throw new IllegalArgumentException("metadata: not a Synod member info (expected: format " + FORMAT + ")");
      }
      String nodeId = string(in);
      String clusterId = string(in);
      String api = string(in);
      String raft = string(in);
      String gossip = string(in);
      String version = string(in);
      int count = Short.toUnsignedInt(in.getShort());
      Map<String, String> tags = new LinkedHashMap<>();
      for (int t = 0; t < count; t++) {
        tags.put(string(in), string(in));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("metadata: " + in.remaining() + " trailing bytes (expected: 0)");
      }
      return new MemberInfo(nodeId, clusterId, api, raft, gossip, version, tags);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("metadata: truncated (" + buffer.remaining() + " bytes)", e);
    }
  }

  private static byte[] utf8(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_STRING_BYTES) { // unreachable: MemberInfo limits lengths far below this
      throw new IllegalArgumentException("metadata string: " + bytes.length + " bytes (expected: <= " + MAX_STRING_BYTES + ")");
    }
    return bytes;
  }

  private static void put(ByteBuffer out, byte[] s) {
    out.putShort((short) s.length).put(s);
  }

  private static String string(ByteBuffer in) {
    byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
