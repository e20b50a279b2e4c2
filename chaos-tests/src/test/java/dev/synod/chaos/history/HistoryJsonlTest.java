package dev.synod.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history.jsonl has one Jepsen-shaped op per line and reads back to the same history. */
class HistoryJsonlTest {
  @TempDir Path dir;

  @Test
  void roundTripsEveryKindOfOp() throws Exception {
    long[] now = {0};
    History h = new History(() -> now[0] += 7);
    Op r = h.invoke(0, "read", "x", OpValue.none());
    Op c = h.invoke(1, "cas", "x", OpValue.cas(1, 2));
    h.nemesis("start-partition", JsonParser.parseString("{\"isolated\":[\"n1\"],\"note\":\"a \\\"quoted\\\" word\"}"));
    h.ok(r, OpValue.none());
    h.info(c, "deadline exceeded\nafter 5 s");
    Op a = h.invoke(0, "add", null, OpValue.of(5L));
    h.fail(a, "not leader");
    h.ok(h.invoke(0, "read-all", null, OpValue.none()), OpValue.longs(List.of(1L, 5L)));
    h.invoke(2, "write", "y", OpValue.of(4L)); // left pending

    Path file = dir.resolve("history.jsonl");
    h.writeJsonl(file);
    History back = History.readJsonl(file);

    assertThat(back.ops()).isEqualTo(h.ops());
    assertThat(back.pairs()).isEqualTo(h.pairs());
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(h.size());
    JsonObject first = JsonParser.parseString(lines.get(0)).getAsJsonObject();
    assertThat(first.keySet()).containsExactly("index", "type", "f", "key", "value", "process", "time", "error");
    assertThat(first.get("type").getAsString()).isEqualTo("invoke");
  }

  @Test
  void badLineIsReportedWithItsNumber() throws Exception {
    Path file = dir.resolve("history.jsonl");
    Files.writeString(file, "{\"index\":0,\"type\":\"invoke\",\"f\":\"read\",\"process\":0,\"time\":1}\n"
        + "{\"index\":1,\"type\":\"done\",\"f\":\"read\",\"process\":0,\"time\":2}\n");
    assertThatThrownBy(() -> History.readJsonl(file))
        .hasMessageContaining("line 2: type: done (expected: invoke, ok, fail or info)");
  }
}
