package dev.synod.chaos.checker;

import dev.synod.chaos.history.Op;
import java.util.Set;

/**
 * A sequential specification for {@link LinearizabilityChecker}, in the style of Porcupine's model: a pure
 * state machine plus the decoding of recorded ops into its inputs and outputs.
 *
 * <p>States must implement {@code equals} and {@code hashCode}: the checker memoises (linearized ops, states).
 * {@code step} must be pure and thread-safe, since keys are checked in parallel.
 *
 * @param <S> state
 * @param <I> input: what the op asked for
 * @param <O> output: what the op returned
 */
public interface Model<S, I, O> {

  /** The state before any op. */
  S init();

  /** The input of {@code invoke}; throws IllegalArgumentException if this model has no such op. */
  I input(Op invoke);

  /** The output of an OK {@code completion}; never null. */
  O output(Op completion);

  /**
   * The states that may follow {@code state} when {@code input} takes effect and returns {@code output}. Empty
   * means the op cannot happen in {@code state}; several states mean the model is nondeterministic.
   *
   * <p>{@code output} is null when the outcome is unknown (an INFO op): the checker calls this only when it
   * chooses to let such an op take effect, and separately tries never applying it.
   */
  Set<S> step(S state, I input, O output);

  /** A short description of one op for explanations, e.g. "cas 1→2 → false"; {@code output} may be null. */
  String describe(I input, O output);

  /** A short description of a state for explanations. */
  default String describeState(S state) {
    return String.valueOf(state);
  }

  /**
   * True if {@code input} never changes the state. The checker drops such ops when their outcome is unknown,
   * since they constrain nothing, and each kept INFO op doubles the search.
   */
  default boolean readOnly(I input) {
    return false;
  }
}
