package dev.synod.client.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;
import java.util.Map;

/** Where a command's results go: aligned tables for humans, or one JSON line per result. */
final class Output {
  private static final JsonFormat.Printer JSON =
      JsonFormat.printer().omittingInsignificantWhitespace().alwaysPrintFieldsWithNoPresence();

  private final PrintWriter out;
  private final boolean json;

  Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  boolean json() {
    return json;
  }

  void json(MessageOrBuilder message) {
    try {
      String line = JSON.print(message);
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + message.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** One JSON object of string and boolean fields, in the map's order, for results that are not protobuf messages. */
  void json(Map<String, ?> fields) {
    Struct.Builder object = Struct.newBuilder();
    fields.forEach((name, value) -> object.putFields(name, value instanceof Boolean b
        ? Value.newBuilder().setBoolValue(b).build()
        : Value.newBuilder().setStringValue(String.valueOf(value)).build()));
    json(object);
  }

  void table(Table table) {
    synchronized (out) {
      table.print(out);
    }
  }

  void line(String text) {
    synchronized (out) {
      out.println(text);
      out.flush();
    }
  }

  void flush() {
    out.flush();
  }
}
