package dev.synod.chaos.history;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code history.jsonl} codec: one op per line, with Jepsen's keys. */
final class OpJson {
  // Nulls are written so every line has the same eight keys.
  private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  private OpJson() {}

  static void write(Path file, List<Op> ops) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Op op : ops) {
        w.write(GSON.toJson(toJson(op)));
        w.write('\n');
      }
    }
  }

  static List<Op> read(Path file) throws IOException {
    List<Op> ops = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          ops.add(fromJson(JsonParser.parseString(line).getAsJsonObject()));
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException
            | NullPointerException e) {
          throw new IllegalArgumentException(file + " line " + lineNo + ": " + e.getMessage(), e);
        }
      }
    }
    return ops;
  }

  static JsonObject toJson(Op op) {
    JsonObject o = new JsonObject();
    o.addProperty("index", op.index());
    o.addProperty("type", op.type().jsonName());
    o.addProperty("f", op.f());
    o.addProperty("key", op.key());
    o.add("value", op.value());
    o.addProperty("process", op.process());
    o.addProperty("time", op.timeNanos());
    o.addProperty("error", op.error());
    return o;
  }

  static Op fromJson(JsonObject o) {
    return new Op(required(o, "index").getAsLong(), OpType.fromJson(required(o, "type").getAsString()),
        required(o, "f").getAsString(), optionalString(o, "key"), o.get("value"),
        required(o, "process").getAsInt(), required(o, "time").getAsLong(), optionalString(o, "error"));
  }

  private static JsonElement required(JsonObject o, String name) {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      throw new IllegalArgumentException(name + ": missing (expected: present in every op)");
    }
    return e;
  }

  private static String optionalString(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }
}
