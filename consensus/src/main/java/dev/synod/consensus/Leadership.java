package dev.synod.consensus;

import java.util.Objects;

/** One member's view of who leads: {@code leaderId} leads {@code term}. */
record Leadership(long term, String leaderId) {
  Leadership {
    Objects.requireNonNull(leaderId, "leaderId");
  }
}
