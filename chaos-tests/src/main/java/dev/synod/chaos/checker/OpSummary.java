package dev.synod.chaos.checker;

import com.google.gson.JsonElement;
import dev.synod.chaos.history.OpPair;

/**
 * One client op as an explanation names it.
 *
 * @param invokeIndex history index of the invocation
 * @param completeIndex history index of the completion, -1 if none was recorded
 * @param process the client process
 * @param f the op
 * @param key the key, or null
 * @param type "ok", "fail" or "info" (the outcome; "info" ops count as returning at +infinity)
 * @param value the invocation's value
 * @param result the completion's value
 * @param invokeNanos when it was invoked
 * @param completeNanos when it completed (for info ops, when the client gave up)
 * @param description the model's description, e.g. "read → 3"
 */
public record OpSummary(long invokeIndex, long completeIndex, int process, String f, String key, String type,
    JsonElement value, JsonElement result, long invokeNanos, long completeNanos, String description) {

  static OpSummary of(OpPair p, String description) {
    return new OpSummary(p.invoke().index(), p.completion().index(), p.process(), p.f(), p.key(),
        p.type().jsonName(), p.invoke().value(), p.completion().value(), p.invoke().timeNanos(),
        p.completion().timeNanos(), description);
  }

  /** E.g. "op 12 (process 3, read → 1, ok, 1.200–1.500 ms)". */
  @Override
  public String toString() {
    return "op " + invokeIndex + " (process " + process + ", " + description + ", " + type + ", "
        + millis(invokeNanos) + "–" + (type.equals("ok") ? millis(completeNanos) : "∞") + " ms)";
  }

  private static String millis(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6);
  }
}
