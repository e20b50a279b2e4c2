package dev.synod.chaos.run;

import dev.synod.chaos.checker.CheckResult;
import dev.synod.chaos.history.History;

/** A finished run: what was recorded and what the checkers concluded. */
public record RunOutcome(History history, CheckResult result) {}
