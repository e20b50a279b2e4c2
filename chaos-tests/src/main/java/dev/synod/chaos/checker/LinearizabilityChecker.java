package dev.synod.chaos.checker;

import dev.synod.chaos.history.History;
import dev.synod.chaos.history.OpPair;
import dev.synod.chaos.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checks that a history is linearizable with respect to a {@link Model}, key by key (P-compositionality), with
 * the Wing–Gong search and Lowe's memoisation, within a time budget.
 *
 * <p>Which ops are checked: FAIL ops are dropped (they definitely did not happen). Ops with unknown outcome (INFO,
 * or never completed) are kept with their return at +infinity: each may take effect at any point after its
 * invocation, or never. Unknown-outcome ops the model calls read-only are dropped, as they constrain nothing.
 */
public final class LinearizabilityChecker<S, I, O> {
  private final Model<S, I, O> model;
  private final Duration budget;
  private final int parallelism;
  private final long maxStates;

  LinearizabilityChecker(Model<S, I, O> model, Duration budget, int parallelism, long maxStates) {
    this.model = model;
    this.budget = budget;
    this.parallelism = parallelism;
    this.maxStates = maxStates;
  }

  /** A builder for a checker of {@code model}: 30 s budget, one thread per core, 2,000,000 states per key. */
  public static <S, I, O> Builder<S, I, O> builder(Model<S, I, O> model) {
    return new Builder<>(model);
  }

  /** Checks the client ops of {@code history}. */
  public LinearizabilityResult check(History history) {
    return check(history.pairs());
  }

  /** Checks {@code pairs}, the client ops of one history. */
  public LinearizabilityResult check(List<OpPair> pairs) {
    long start = System.nanoTime();
    long deadline = start + budget.toNanos();
    List<WglSearch<S, I, O>> searches = new ArrayList<>();
    partition(pairs).forEach((key, ops) -> searches.add(new WglSearch<>(model, key, ops, deadline, maxStates)));
    List<KeyResult> results = run(searches);
    Map<String, KeyResult> byKey = new LinkedHashMap<>();
    Verdict verdict = Verdict.VALID;
    for (KeyResult r : results) {
      byKey.put(r.key(), r);
      verdict = verdict.and(r.verdict());
    }
    return new LinearizabilityResult(verdict, byKey, System.nanoTime() - start);
  }

  /** Decodes the ops worth checking, grouped by key in key order. */
  private Map<String, List<WglSearch.Call<I, O>>> partition(List<OpPair> pairs) {
    Map<String, List<WglSearch.Call<I, O>>> byKey = new TreeMap<>();
    for (OpPair p : pairs) {
      if (p.type() == OpType.FAIL) {
        continue;
      }
      I input = model.input(p.invoke());
      boolean known = p.type() == OpType.OK;
      if (!known && model.readOnly(input)) {
        continue;
      }
      List<WglSearch.Call<I, O>> ops = byKey.computeIfAbsent(String.valueOf(p.key()), k -> new ArrayList<>());
      ops.add(new WglSearch.Call<>(ops.size(), p, input, known ? model.output(p.completion()) : null));
    }
    return byKey;
  }

  private List<KeyResult> run(List<WglSearch<S, I, O>> searches) {
    int threads = Math.min(parallelism, searches.size());
    if (threads <= 1) {
      return searches.stream().map(WglSearch::run).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "linearizability-checker");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<KeyResult>> futures = new ArrayList<>();
      searches.forEach(s -> futures.add(pool.submit(s::run)));
      List<KeyResult> results = new ArrayList<>();
      for (Future<KeyResult> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking linearizability", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Configures a {@link LinearizabilityChecker}; rejects a bad setting when it is set. */
  public static final class Builder<S, I, O> {
    private final Model<S, I, O> model;
    private Duration budget = Duration.ofSeconds(30);
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private long maxStates = 2_000_000;

    Builder(Model<S, I, O> model) {
      this.model = java.util.Objects.requireNonNull(model, "model");
    }

    /** Wall-clock time for the whole check; keys still unresolved when it runs out are UNKNOWN. */
    public Builder<S, I, O> budget(Duration budget) {
      if (budget.isNegative() || budget.isZero()) {
        throw new IllegalArgumentException("budget: " + budget + " (expected: > 0)");
      }
      this.budget = budget;
      return this;
    }

    /** How many keys are checked at once. */
    public Builder<S, I, O> parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism: " + parallelism + " (expected: >= 1)");
      }
      this.parallelism = parallelism;
      return this;
    }

    /** Memoised states per key before the key is UNKNOWN; bounds memory (roughly 200 bytes a state). */
    public Builder<S, I, O> maxStates(long maxStates) {
      if (maxStates < 1) {
        throw new IllegalArgumentException("maxStates: " + maxStates + " (expected: >= 1)");
      }
      this.maxStates = maxStates;
      return this;
    }

    public LinearizabilityChecker<S, I, O> build() {
      return new LinearizabilityChecker<>(model, budget, parallelism, maxStates);
    }
  }
}
