package dev.synod.chaos.history;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import java.util.Objects;

/**
 * One immutable history event.
 *
 * @param index position in the history, from 0; -1 only for the synthetic completion of a pending op
 * @param type invoke, ok, fail or info
 * @param f the operation: "read", "write", "cas", "add", "read-all", or a nemesis fault such as "start-partition"
 * @param key the key for keyed ops, else null
 * @param value the op's value ({@link OpValue}); never null, JSON null when absent
 * @param process the client process, or {@link #NEMESIS}
 * @param timeNanos monotonic time since the history started
 * @param error why the op failed or is unknown, else null
 */
public record Op(long index, OpType type, String f, String key, JsonElement value, int process, long timeNanos,
    String error) {

  /** The process id of the nemesis. */
  public static final int NEMESIS = -1;

  public Op {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(f, "f");
    if (index < -1) {
      throw new IllegalArgumentException("index: " + index + " (expected: >= -1)");
    }
    if (process < NEMESIS) {
      throw new IllegalArgumentException("process: " + process + " (expected: >= -1)");
    }
    // JsonArray and JsonObject are mutable; a private copy keeps the record immutable.
    value = value == null ? JsonNull.INSTANCE : value.deepCopy();
  }

  /** The value; a copy, so callers cannot change the history. */
  @Override
  public JsonElement value() {
    return value.isJsonPrimitive() || value.isJsonNull() ? value : value.deepCopy();
  }

  /** True for fault-injection events. */
  public boolean isNemesis() {
    return process == NEMESIS;
  }

  @Override
  public String toString() {
    return index + " " + type.jsonName() + " p" + process + " " + f + (key == null ? "" : " " + key) + " "
        + value + (error == null ? "" : " (" + error + ")") + " @" + timeNanos + "ns";
  }
}
