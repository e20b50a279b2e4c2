package dev.synod.membership;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a translation node advertises in gossip.
 *
 * <p>Every field is validated so that a bad value fails where it is made, not on another node:
 * ids have no whitespace, addresses are {@code host:port} (port 0 means "not bound yet"), and
 * tags are small. Tags are copied into an immutable map sorted by key, so two equal infos encode
 * to equal bytes.
 */
public record MemberInfo(
    String nodeId,
    String clusterId,
    String apiAddress,
    String raftAddress,
    String gossipAddress,
    String version,
    Map<String, String> tags) {

  /** Cluster ids become scalecube namespaces, which allow only this shape (and no '/'). */
  private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}[A-Za-z0-9]");

  static final int MAX_ID_LENGTH = 128;
  static final int MAX_TAGS = 64;
  static final int MAX_TAG_VALUE_LENGTH = 1024;

  public MemberInfo {
    requireToken("nodeId", nodeId);
    if (clusterId == null || !CLUSTER_ID.matcher(clusterId).matches()) {
      throw new IllegalArgumentException(
          "clusterId: " + HostPort.quote(clusterId)
              + " (expected: 2-64 characters of [A-Za-z0-9_.-], starting and ending with a letter or digit)");
    }
    HostPort.require("apiAddress", apiAddress);
    HostPort.require("raftAddress", raftAddress);
    HostPort.require("gossipAddress", gossipAddress);
    requireToken("version", version);
    tags = copyTags(tags);
  }

  /** Returns a copy with {@code tags} in place of the current tags. */
  public MemberInfo withTags(Map<String, String> tags) {
    return new MemberInfo(nodeId, clusterId, apiAddress, raftAddress, gossipAddress, version, tags);
  }

  /** Returns a copy advertising the gossip address the transport actually bound. */
  MemberInfo withGossipAddress(String gossipAddress) {
    return new MemberInfo(nodeId, clusterId, apiAddress, raftAddress, gossipAddress, version, tags);
  }

  private static void requireToken(String field, String value) {
    if (value == null
        || value.isEmpty()
        || value.length() > MAX_ID_LENGTH
        || value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new IllegalArgumentException(
          field + ": " + HostPort.quote(value)
              + " (expected: 1-" + MAX_ID_LENGTH + " characters without whitespace)");
    }
  }

  private static Map<String, String> copyTags(Map<String, String> tags) {
    Objects.requireNonNull(tags, "tags");
    if (tags.size() > MAX_TAGS) {
      throw new IllegalArgumentException(
          "tags: " + tags.size() + " entries (expected: <= " + MAX_TAGS + ")");
    }
    TreeMap<String, String> copy = new TreeMap<>();
    tags.forEach(
        (key, value) -> {
          requireToken("tags key", key);
          if (value == null
              || value.length() > MAX_TAG_VALUE_LENGTH
              || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                "tags[" + key + "]: " + HostPort.quote(value)
                    + " (expected: 0-" + MAX_TAG_VALUE_LENGTH + " characters without control characters)");
          }
          copy.put(key, value);
        });
    return Collections.unmodifiableMap(copy);
  }
}
