package dev.synod.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MemberInfoTest {

  private static MemberInfo info(Map<String, String> tags) {
    return new MemberInfo("n1", "prod-eu", "10.0.0.1:8443", "10.0.0.1:9443", "[::1]:7946", "1.2.3", tags);
  }

  @Test
  void badFieldsAreRejectedNamingFieldValueAndLimit() {
    assertThatThrownBy(() -> new MemberInfo(" ", "c1", "h:1", "h:2", "h:3", "v", Map.of()))
        .hasMessage("nodeId: ' ' (expected: 1-128 characters without whitespace)");
    assertThatThrownBy(() -> new MemberInfo("n", "a/b", "h:1", "h:2", "h:3", "v", Map.of()))
        .hasMessageStartingWith("clusterId: 'a/b' (expected: 2-64 characters");
    assertThatThrownBy(() -> new MemberInfo("n", "c1", "h", "h:2", "h:3", "v", Map.of()))
        .hasMessage("apiAddress: 'h' (expected: host:port)");
    assertThatThrownBy(() -> new MemberInfo("n", "c1", "h:1", "h:99999", "h:3", "v", Map.of()))
        .hasMessage("raftAddress: 'h:99999' (expected: host:port with a port in 0-65535)");
    assertThatThrownBy(() -> new MemberInfo("n", "c1", "h:1", "h:2", "::1:3", "v", Map.of()))
        .hasMessage("gossipAddress: '::1:3' (expected: host:port, with an IPv6 host in brackets)");
    assertThatThrownBy(() -> new MemberInfo("n", "c1", "h:1", "h:2", "h:3", null, Map.of()))
        .hasMessage("version: null (expected: 1-128 characters without whitespace)");
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 65; i++) {
      many.put("k" + i, "v");
    }
    assertThatThrownBy(() -> info(many)).hasMessage("tags: 65 entries (expected: <= 64)");
    assertThatThrownBy(() -> info(Map.of("k", "a\nb")))
        .hasMessage("tags[k]: 'a\nb' (expected: 0-1024 characters without control characters)");
  }

  @Test
  void tagsAreCopiedImmutablyAndSorted() {
    Map<String, String> tags = new HashMap<>(Map.of("zone", "a", "rack", "r1"));
    MemberInfo info = info(tags);
    tags.put("zone", "b");

    assertThat(info.tags()).containsExactly(Map.entry("rack", "r1"), Map.entry("zone", "a"));
    assertThatThrownBy(() -> info.tags().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(info.withTags(Map.of("zone", "c")).tags()).containsExactly(Map.entry("zone", "c"));
    assertThat(info.withTags(Map.of()).nodeId()).isEqualTo("n1");
  }

  @Test
  void codecRoundTripsAndEqualInfosEncodeToEqualBytes() {
    MemberInfo info = info(Map.of("zone", "é-ü", "rack", ""));
    byte[] bytes = MemberInfoCodec.encode(info);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);

    assertThat(MemberInfoCodec.decode(buffer)).isEqualTo(info);
    assertThat(buffer.position()).isZero();
    assertThat(MemberInfoCodec.encode(info(new TreeMap<>(Map.of("rack", "", "zone", "é-ü"))))).isEqualTo(bytes);
    assertThat(new MemberInfoCodec(() -> info).deserialize(new MemberInfoCodec(() -> info).serialize(null))).isEqualTo(info);
    assertThat(new MemberInfoCodec(() -> info).deserialize(ByteBuffer.allocate(0))).isNull();
  }

  @Test
  void codecRejectsForeignTruncatedOrPaddedBytes() {
    byte[] bytes = MemberInfoCodec.encode(info(Map.of()));
    assertThatThrownBy(() -> MemberInfoCodec.decode(ByteBuffer.wrap(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5})))
        .hasMessageStartingWith("metadata: not a Synod member info");
    assertThatThrownBy(() -> MemberInfoCodec.decode(ByteBuffer.wrap(bytes, 0, bytes.length - 1)))
        .hasMessageStartingWith("metadata: truncated");
    byte[] padded = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> MemberInfoCodec.decode(ByteBuffer.wrap(padded)))
        .hasMessage("metadata: 1 trailing bytes (expected: 0)");
  }
}
