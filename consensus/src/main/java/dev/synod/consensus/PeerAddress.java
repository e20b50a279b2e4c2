package dev.synod.consensus;

import java.util.Objects;

/** A Raft peer: its node id and the host:port of its Raft gRPC port. */
public record PeerAddress(String id, String address) {

  public PeerAddress {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id: '" + id + "' (expected: not blank)");
    }
    if (address.isBlank()) {
      throw new IllegalArgumentException("address: '" + address + "' (expected: host:port)");
    }
    HostPort.parse("address", address);
  }
}
