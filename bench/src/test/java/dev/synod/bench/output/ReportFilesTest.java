package dev.synod.bench.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.synod.bench.compare.CompareResult;
import dev.synod.bench.compare.ComparisonFixtures;
import dev.synod.bench.report.MachineInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportFilesTest {
  @Test
  void writesJsonMarkdownAndOnePlotPerModeUnderATimestampedDirectory(@TempDir Path dir) throws Exception {
    CompareResult compare = ComparisonFixtures.tinyRun(dir.resolve("work"));
    BenchReport report = new BenchReport(Instant.parse("2026-11-23T10:15:30Z"), "synod-bench compare --smoke",
        MachineInfo.current(dir), Optional.of(compare), java.util.List.of(),
        java.util.List.of());

    Path out = ReportFiles.write(report, dir.resolve("results"));

    assertThat(out).isEqualTo(dir.resolve("results/20261123-101530"));
    JsonObject json = JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();
    assertThat(json.get("command").getAsString()).isEqualTo("synod-bench compare --smoke");
    assertThat(json.getAsJsonObject("machine").get("cores").getAsInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    JsonObject c = json.getAsJsonObject("compare");
    assertThat(c.getAsJsonArray("results")).hasSize(compare.results().size());
    assertThat(c.getAsJsonArray("bars")).hasSize(10);
    assertThat(c.getAsJsonArray("clusters").get(0).getAsJsonObject().get("settings").getAsString())
        .isEqualTo("synod in memory, tls");

    String md = Files.readString(out.resolve("report.md"));
    assertThat(md).contains("| mode | bar | metric | Synod | etcd | ratio | target | verdict |")
        .contains("| tls | P2 | write p50, 1 client |")
        .contains("## Cost of TLS")
        .contains("![latency by percentile, tls](latency-tls.svg)");
    for (String plot : new String[] {"latency-tls.svg", "latency-plaintext.svg"}) {
      Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve(plot).toFile());
      assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
      // One line per system and scenario, each with its legend entry.
      assertThat(svg.getElementsByTagName("path").getLength()).isEqualTo(1 + 2 * 4);
    }
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }
}
