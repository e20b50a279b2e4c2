package dev.synod.chaos.workload;

import com.google.gson.JsonElement;

/** An operation a workload plans: its function, key and input value, before it is invoked. */
public record PlannedOp(String f, String key, JsonElement value) {}
