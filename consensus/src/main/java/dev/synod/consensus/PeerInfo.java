package dev.synod.consensus;

/**
 * One member of the current configuration. {@code matchIndex} and {@code lastContactMillis} are known only when
 * this node is the leader; otherwise they are -1.
 */
public record PeerInfo(
    String id, String address, PeerRole role, boolean leader, long matchIndex, long lastContactMillis) {}
