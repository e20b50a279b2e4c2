package dev.synod.chaos.history;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Builds and reads the JSON values the workloads put in {@link Op#value()}.
 *
 * <p>Shapes: read → number or null; write → number; cas invoke → [expected, new] and its ok completion → true
 * (swapped) or false (mismatch / not found); add → number; read-all → array of numbers.
 */
public final class OpValue {
  private OpValue() {}

  /** JSON null: no value (a read's invocation, a read of an absent key). */
  public static JsonElement none() {
    return JsonNull.INSTANCE;
  }

  /** A number, or JSON null when {@code v} is null. */
  public static JsonElement of(Long v) {
    return v == null ? JsonNull.INSTANCE : new JsonPrimitive(v);
  }

  /** A boolean, e.g. whether a CAS swapped. */
  public static JsonElement of(boolean b) {
    return new JsonPrimitive(b);
  }

  /** A CAS invocation's value: [expected, new]. */
  public static JsonElement cas(long expected, long next) {
    JsonArray a = new JsonArray(2);
    a.add(expected);
    a.add(next);
    return a;
  }

  /** An array of numbers, e.g. a read-all's result. */
  public static JsonElement longs(Collection<Long> values) {
    JsonArray a = new JsonArray(values.size());
    values.forEach(a::add);
    return a;
  }

  /** Reads a number or JSON null. */
  public static Long asLong(JsonElement v) {
    if (v == null || v.isJsonNull()) {
      return null;
    }
    if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
      throw new IllegalArgumentException("value: " + v + " (expected: a number or null)");
    }
    return v.getAsLong();
  }

  /** Reads an array of numbers. */
  public static List<Long> asLongs(JsonElement v) {
    if (v == null || !v.isJsonArray()) {
      throw new IllegalArgumentException("value: " + v + " (expected: an array of numbers)");
    }
    List<Long> out = new ArrayList<>(v.getAsJsonArray().size());
    for (JsonElement e : v.getAsJsonArray()) {
      out.add(asLong(e));
    }
    return out;
  }
}
