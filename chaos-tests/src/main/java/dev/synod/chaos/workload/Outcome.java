package dev.synod.chaos.workload;

import com.google.gson.JsonElement;

/**
 * What happened to an invoked operation. {@link Fail} only when it certainly did not take effect;
 * any doubt (timeout, connection lost after sending) is {@link Info}.
 */
public sealed interface Outcome {
  record Ok(JsonElement value) implements Outcome {}

  record Fail(String error) implements Outcome {}

  record Info(String error) implements Outcome {}
}
