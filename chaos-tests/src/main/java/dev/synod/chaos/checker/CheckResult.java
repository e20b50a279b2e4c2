package dev.synod.chaos.checker;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Every checker's result for one run; valid iff every checker that ran is VALID. A null component did not run.
 * The availability report informs and never affects the verdict.
 *
 * @param verdict INVALID if any checker is, else UNKNOWN if any is, else VALID
 * @param linearizability the linearizability result, or null
 * @param set the set result, or null
 * @param stats the op counts, or null
 * @param availability the availability report, or null
 */
public record CheckResult(Verdict verdict, LinearizabilityResult linearizability, SetResult set, Stats stats,
    AvailabilityReport availability) {

  private static final Gson GSON =
      new GsonBuilder().serializeNulls().disableHtmlEscaping().setPrettyPrinting().create();

  /** Combines the results of the checkers that ran; pass null for one that did not. */
  public static CheckResult of(LinearizabilityResult linearizability, SetResult set, Stats stats,
      AvailabilityReport availability) {
    Verdict v = Verdict.VALID;
    if (linearizability != null) {
      v = v.and(linearizability.verdict());
    }
    if (set != null) {
      v = v.and(set.verdict());
    }
    if (stats != null) {
      v = v.and(stats.verdict());
    }
    return new CheckResult(v, linearizability, set, stats, availability);
  }

  public boolean valid() {
    return verdict == Verdict.VALID;
  }

  /** A few lines for a test's failure message: each checker's verdict and what went wrong. */
  public String summary() {
    List<String> lines = new ArrayList<>();
    lines.add("verdict: " + verdict);
    if (linearizability != null) {
      lines.add("linearizability: " + linearizability.verdict());
      linearizability.keys().values().stream().filter(k -> k.note() != null).limit(3)
          .forEach(k -> lines.add("  " + k.note()));
      linearizability.explanations().stream().limit(3).forEach(e -> lines.add("  " + e.message()));
    }
    if (set != null) {
      lines.add("set: " + set.verdict() + " lost=" + set.lost() + " unexpected=" + set.unexpected()
          + " duplicated=" + set.duplicated() + " failedButPresent=" + set.failedButPresent()
          + (set.note() == null ? "" : " (" + set.note() + ")"));
    }
    if (stats != null) {
      lines.add("stats: " + stats.verdict() + " " + stats.byF());
    }
    if (availability != null && availability.maxRecoveryNanos() != null) {
      lines.add("availability: max recovery after heal " + availability.maxRecoveryNanos() / 1_000_000 + " ms");
    }
    return String.join("\n", lines);
  }

  /** This result as a JSON object, with a top-level "valid". */
  public JsonObject toJsonTree() {
    JsonObject o = GSON.toJsonTree(this).getAsJsonObject();
    o.addProperty("valid", valid());
    return o;
  }

  /** This result as pretty-printed JSON, the content of {@code results.json}. */
  public String toJson() {
    return GSON.toJson(toJsonTree());
  }
}
