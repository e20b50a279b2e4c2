package dev.synod.chaos.checker;

import com.google.gson.JsonElement;
import dev.synod.chaos.history.Op;
import dev.synod.chaos.history.OpValue;
import java.util.Objects;
import java.util.Set;

/**
 * A compare-and-set register holding a long, initially absent: read, write(v) and cas(expected, new).
 *
 * <p>Values as recorded: a read's OK value is the observed number or null (absent); a write's invoke value is the
 * number; a cas's invoke value is [expected, new] and its OK value is true if it swapped, false if it did not
 * (mismatch, or the key was absent).
 */
public final class CasRegisterModel
    implements Model<CasRegisterModel.Register, CasRegisterModel.Call, JsonElement> {

  /** The register's state; {@code value} null means absent. */
  public record Register(Long value) {
    @Override
    public String toString() {
      return value == null ? "absent" : value.toString();
    }
  }

  /** An op on the register. */
  public sealed interface Call permits Read, Write, Cas {}

  /** Reads the value. */
  public record Read() implements Call {}

  /** Sets the value. */
  public record Write(long value) implements Call {}

  /** Sets the value to {@code next} if it is {@code expected}. */
  public record Cas(long expected, long next) implements Call {}

  private static final Register ABSENT = new Register(null);

  @Override
  public Register init() {
    return ABSENT;
  }

  @Override
  public Call input(Op invoke) {
    JsonElement v = invoke.value();
    switch (invoke.f()) {
      case "read":
        return new Read();
      case "write":
        Long w = OpValue.asLong(v);
        if (w == null) {
          throw new IllegalArgumentException("value of write op " + invoke.index() + ": null (expected: a number)");
        }
        return new Write(w);
      case "cas":
        if (!v.isJsonArray() || v.getAsJsonArray().size() != 2) {
          throw new IllegalArgumentException(
              "value of cas op " + invoke.index() + ": " + v + " (expected: [expected, new])");
        }
        return new Cas(v.getAsJsonArray().get(0).getAsLong(), v.getAsJsonArray().get(1).getAsLong());
      default:
        throw new IllegalArgumentException("f of op " + invoke.index() + ": " + invoke.f()
            + " (expected: read, write or cas)");
    }
  }

  @Override
  public JsonElement output(Op completion) {
    JsonElement v = completion.value();
    if (completion.f().equals("cas") && !(v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean())) {
      throw new IllegalArgumentException(
          "value of ok cas op " + completion.index() + ": " + v + " (expected: true or false)");
    }
    if (completion.f().equals("read")) {
      OpValue.asLong(v); // rejects a malformed read now, not mid-search
    }
    return v;
  }

  @Override
  public Set<Register> step(Register state, Call input, JsonElement output) {
    if (input instanceof Write w) {
      return Set.of(new Register(w.value()));
    }
    if (input instanceof Cas c) {
      boolean matches = Objects.equals(state.value(), c.expected());
      if (output == null) {
        // Took effect with unknown result: it swapped iff the value matched.
        return Set.of(matches ? new Register(c.next()) : state);
      }
      boolean swapped = output.getAsBoolean();
      if (swapped != matches) {
        return Set.of();
      }
      return Set.of(swapped ? new Register(c.next()) : state);
    }
    if (output == null || Objects.equals(state.value(), OpValue.asLong(output))) {
      return Set.of(state);
    }
    return Set.of();
  }

  @Override
  public String describe(Call input, JsonElement output) {
    String result = output == null ? "?" : output.toString();
    if (input instanceof Write w) {
      return "write " + w.value();
    }
    if (input instanceof Cas c) {
      return "cas " + c.expected() + "→" + c.next() + " → " + result;
    }
    return "read → " + result;
  }

  @Override
  public boolean readOnly(Call input) {
    return input instanceof Read;
  }
}
