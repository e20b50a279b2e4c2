package dev.synod.membership;

import java.util.Objects;

/** A member as one node currently sees it. */
public record Member(MemberInfo info, MemberStatus status) {

  public Member {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(status, "status");
  }
}
