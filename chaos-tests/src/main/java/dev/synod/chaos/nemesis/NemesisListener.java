package dev.synod.chaos.nemesis;

/**
 * Receives nemesis events so that a run can record them in its history as nemesis ops.
 *
 * <p>{@link NemesisRunner} calls it with {@code f = "start-" + nemesis.name()} right after a fault is in effect
 * and {@code f = "stop-" + nemesis.name()} right after it is healed; {@code value} is the nemesis's {@link
 * Nemesis#description()} (for a stop, the description of the fault that was healed). A failed apply or heal is
 * reported as {@code f = "fail-" + name} with the error as value.
 */
@FunctionalInterface
public interface NemesisListener {
  NemesisListener NONE = (f, value) -> {};

  void event(String f, String value);
}
