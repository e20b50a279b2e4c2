package dev.synod.bench.etcd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Polls members until the live ones agree on a live leader. A killed leader is still named by its
 * followers until their election timeout, so agreement alone is not enough: the leader must be running.
 */
final class LeaderWait {
  private static final long POLL_MILLIS = 100;
  private static final int LOG_LINES = 20;

  private final EtcdSettings settings;
  private final EtcdProbe probe;
  private final IntPredicate alive;
  private final IntFunction<String> processState;

  LeaderWait(EtcdSettings settings, EtcdProbe probe, IntPredicate alive, IntFunction<String> processState) {
    this.settings = settings;
    this.probe = probe;
    this.alive = alive;
    this.processState = processState;
  }

  /**
   * @param everyMember whether every member must be running and answer (start-up, restart), or only a
   *     majority of them (after a kill)
   * @return the leader's member index
   * @throws IllegalStateException on timeout, or at once when a member that must run has exited;
   *     the message has each member's last answer, its process state and its log's tail
   */
  int await(boolean everyMember, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<EtcdProbe.Report> reports = List.of();
    while (true) {
      for (int m = 0; everyMember && m < settings.members(); m++) {
        if (!alive.test(m)) {
          throw failure("member " + EtcdSettings.memberName(m) + " exited", reports);
        }
      }
      reports = poll();
      OptionalInt leader = agreedLeader(reports, everyMember);
      if (leader.isPresent()) {
        return leader.getAsInt();
      }
      if (System.nanoTime() - deadline > 0) {
        throw failure("no leader that every answering member follows within " + timeout
            + (everyMember ? " (expected: all " + settings.members() + " members up)" : " (expected: a majority up)"), reports);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private List<EtcdProbe.Report> poll() throws InterruptedException {
    List<EtcdProbe.Report> reports = new ArrayList<>();
    for (int m = 0; m < settings.members(); m++) {
      if (alive.test(m)) {
        reports.add(probe.status(m));
      }
    }
    return reports;
  }

  private OptionalInt agreedLeader(List<EtcdProbe.Report> reports, boolean everyMember) {
    List<EtcdProbe.Report> answered = reports.stream().filter(EtcdProbe.Report::answered).toList();
    int needed = everyMember ? settings.members() : settings.members() / 2 + 1;
    if (answered.size() < needed) {
      return OptionalInt.empty();
    }
    long leaderId = answered.get(0).leaderId();
    if (leaderId == 0 || answered.stream().anyMatch(r -> r.leaderId() != leaderId)) {
      return OptionalInt.empty();
    }
    for (EtcdProbe.Report r : answered) {
      if (r.memberId() == leaderId) {
        return OptionalInt.of(r.member());
      }
    }
    return OptionalInt.empty();
  }

  private IllegalStateException failure(String what, List<EtcdProbe.Report> reports) {
    StringBuilder message = new StringBuilder("etcd cluster (" + (settings.tls() ? "mutual TLS" : "plaintext")
        + ", " + settings.members() + " members): " + what + "\nlast answers: " + (reports.isEmpty() ? "none" : reports));
    for (int m = 0; m < settings.members(); m++) {
      message.append("\n--- ").append(EtcdSettings.memberName(m)).append(": ").append(processState.apply(m))
          .append("; last ").append(LOG_LINES).append(" lines of ").append(settings.logFile(m)).append(" ---\n")
          .append(LogTail.lastLines(settings.logFile(m), LOG_LINES));
    }
    return new IllegalStateException(message.toString());
  }
}
