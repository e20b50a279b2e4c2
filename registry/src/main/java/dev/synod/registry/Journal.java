package dev.synod.registry;

import java.util.ArrayList;

/**
 * Undo log for one command. Every table mutation records how to reverse itself, so a command (or a
 * whole batch) that is rejected halfway leaves no trace: nothing is ever half-applied.
 */
final class Journal {
  private final ArrayList<Runnable> undo = new ArrayList<>();

  void record(Runnable reverse) {
    undo.add(reverse);
  }

  void commit() {
    undo.clear();
  }

  void rollback() {
    for (int i = undo.size() - 1; i >= 0; i--) {
      undo.get(i).run();
    }
    undo.clear();
  }
}
