package dev.synod.bench.synod;

import dev.synod.bench.etcd.LogTail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Polls members until the live ones agree on a live leader. A killed leader is still named by its
 * followers until their election timeout, so agreement alone is not enough: the leader must be
 * running and answer as leader itself.
 */
final class SynodLeaderWait {
  private static final long POLL_MILLIS = 100;
  private static final int LOG_LINES = 20;

  private final SynodSettings settings;
  private final SynodProbe probe;
  private final IntPredicate alive;
  private final IntFunction<String> processState;

  SynodLeaderWait(SynodSettings settings, SynodProbe probe, IntPredicate alive, IntFunction<String> processState) {
    this.settings = settings;
    this.probe = probe;
    this.alive = alive;
    this.processState = processState;
  }

  /**
   * @param everyMember whether every member must be running, serving, and a linearizable read must
   *     succeed (start-up, restart), or only a majority must follow the leader (after a kill)
   * @return the leader's member index
   * @throws IllegalStateException on timeout, or at once when a member that must run has exited;
   *     the message has each member's last answer, its process state and its log's tail
   */
  int await(boolean everyMember, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<SynodProbe.Report> reports = List.of();
    String readFailure = null;
    while (true) {
      for (int m = 0; everyMember && m < settings.members(); m++) {
        if (!alive.test(m)) {
          throw failure("member " + SynodSettings.memberName(m) + " exited", reports, readFailure);
        }
      }
      reports = poll();
      OptionalInt leader = agreedLeader(reports, everyMember);
      if (leader.isPresent()) {
        Optional<String> read = everyMember ? probe.linearizableReadFailure() : Optional.empty();
        if (read.isEmpty()) {
          return leader.getAsInt();
        }
        readFailure = read.get();
      }
      if (System.nanoTime() - deadline > 0) {
        throw failure("no serving leader that every answering member follows within " + timeout
            + (everyMember ? " (expected: all " + settings.members() + " members up and a linearizable read served)"
                : " (expected: a majority up)"), reports, readFailure);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private List<SynodProbe.Report> poll() {
    List<SynodProbe.Report> reports = new ArrayList<>();
    for (int m = 0; m < settings.members(); m++) {
      if (alive.test(m)) {
        reports.add(probe.status(m));
      }
    }
    return reports;
  }

  private OptionalInt agreedLeader(List<SynodProbe.Report> reports, boolean everyMember) {
    List<SynodProbe.Report> serving = reports.stream().filter(r -> r.answered() && r.serving()).toList();
    int needed = everyMember ? settings.members() : settings.members() / 2 + 1;
    if (serving.size() < needed) {
      return OptionalInt.empty();
    }
    String leaderId = serving.get(0).leaderId();
    if (leaderId.isEmpty() || serving.stream().anyMatch(r -> !r.leaderId().equals(leaderId))) {
      return OptionalInt.empty();
    }
    for (SynodProbe.Report r : serving) {
      if (r.nodeId().equals(leaderId) && r.raftRole().equals("leader")) {
        return OptionalInt.of(r.member());
      }
    }
    return OptionalInt.empty();
  }

  private IllegalStateException failure(String what, List<SynodProbe.Report> reports, String readFailure) {
    StringBuilder message = new StringBuilder("Synod cluster (" + (settings.tls() ? "mutual TLS" : "plaintext")
        + ", " + settings.members() + " members): " + what + "\nlast answers: " + (reports.isEmpty() ? "none" : reports)
        + (readFailure != null ? "\nlast " + readFailure : ""));
    for (int m = 0; m < settings.members(); m++) {
      message.append("\n--- ").append(SynodSettings.memberName(m)).append(": ").append(processState.apply(m))
          .append("; last ").append(LOG_LINES).append(" lines of ").append(settings.logFile(m)).append(" ---\n")
          .append(LogTail.lastLines(settings.logFile(m), LOG_LINES));
    }
    return new IllegalStateException(message.toString());
  }
}
