package dev.synod.node.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the known name a mistyped one was probably meant to be ({@code api-prot}, {@code apiPort} → {@code api-port}). */
final class ClosestName {
  private ClosestName() {}

  /** The closest candidate by edit distance, ignoring case, '-' and '_'; empty if none is reasonably close. */
  static Optional<String> of(String input, Collection<String> candidates) {
    String typed = normalize(input);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(typed, normalize(candidate));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int tolerated = Math.max(2, typed.length() / 3);
    return bestDistance <= tolerated ? Optional.ofNullable(best) : Optional.empty();
  }

  /** {@code " (did you mean X?)"}, or {@code ""} when nothing is close. */
  static String hint(String input, Collection<String> candidates) {
    return of(input, candidates).map(c -> " (did you mean " + c + "?)").orElse("");
  }

  private static String normalize(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("synod_")) {
      lower = lower.substring("synod_".length());
    }
    if (lower.startsWith("--")) {
      lower = lower.substring(2);
    }
    return lower.replace("-", "").replace("_", "");
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
