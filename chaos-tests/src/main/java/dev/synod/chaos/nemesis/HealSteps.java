package dev.synod.chaos.nemesis;

import java.util.List;
import java.util.function.Consumer;

/** Heals node by node: one node that fails must not leave the others faulty, so all run, then the first error. */
final class HealSteps {
  private HealSteps() {}

  /** Runs {@code step} for every node, then rethrows the first failure, if any. */
  static void forEach(List<String> nodes, Consumer<String> step) {
    RuntimeException first = null;
    for (String node : nodes) {
      try {
        step.accept(node);
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
