package dev.synod.chaos.workload;

import dev.synod.client.SynodException;
import io.grpc.Status;

/** Classifies client errors: a write rejected before it was proposed failed; anything else is unknown. */
final class Outcomes {
  private Outcomes() {}

  static Outcome ofWriteError(RuntimeException e) {
    if (e instanceof SynodException se && definitelyNotApplied(se.code())) {
      return new Outcome.Fail(describe(e));
    }
    return new Outcome.Info(describe(e));
  }

  /** Codes the node returns only before a command reaches the log. */
  private static boolean definitelyNotApplied(Status.Code code) {
    return code == Status.Code.INVALID_ARGUMENT || code == Status.Code.NOT_FOUND
        || code == Status.Code.FAILED_PRECONDITION;
  }

  static String describe(RuntimeException e) {
    if (e instanceof SynodException se) {
      return se.code() + ": " + se.description();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
