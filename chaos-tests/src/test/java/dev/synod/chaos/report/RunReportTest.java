package dev.synod.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.synod.chaos.checker.AvailabilityReport;
import dev.synod.chaos.checker.CasRegisterModel;
import dev.synod.chaos.checker.CheckResult;
import dev.synod.chaos.checker.LinearizabilityChecker;
import dev.synod.chaos.checker.Stats;
import dev.synod.chaos.history.History;
import dev.synod.chaos.history.Op;
import dev.synod.chaos.history.OpValue;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** A run's directory holds the history, the results, a self-contained timeline and a well-formed latency plot. */
class RunReportTest {
  @TempDir Path tmp;

  /** A stale read during a partition, with text that would break naive HTML or XML output. */
  private static History staleReadUnderPartition() {
    long[] now = {0};
    History h = new History(() -> now[0] += 1_500_000);
    Op w1 = h.invoke(0, "write", "x", OpValue.of(1L));
    h.ok(w1, w1.value());
    h.nemesis("start-partition", JsonParser.parseString("{\"isolated\":[\"<n1>\"]}"));
    Op w2 = h.invoke(1, "write", "x", OpValue.of(2L));
    h.ok(w2, w2.value());
    Op r = h.invoke(2, "read", "x", OpValue.none());
    h.ok(r, OpValue.of(1L));
    Op lost = h.invoke(3, "write", "y", OpValue.of(9L));
    h.info(lost, "</script><b>timeout & \"more\"");
    h.nemesis("stop-partition", null);
    Op w3 = h.invoke(1, "write", "x", OpValue.of(3L));
    h.ok(w3, w3.value());
    h.invoke(0, "read", "x", OpValue.none()); // never completes
    return h;
  }

  private static CheckResult check(History h) {
    return CheckResult.of(
        LinearizabilityChecker.builder(new CasRegisterModel()).budget(Duration.ofSeconds(5)).build().check(h),
        null, Stats.of(h), AvailabilityReport.of(h));
  }

  @Test
  void writesAllFourFilesAndReturnsTheDirectory() throws Exception {
    History h = staleReadUnderPartition();
    CheckResult result = check(h);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("test", "stale-read <planted>");
    info.put("seed", 42L);
    info.put("duration", Duration.ofSeconds(60)); // not a plain JSON value: written as its toString()
    Path dir = RunReport.runDirectory(tmp.resolve("chaos"), "planted stale read", Instant.EPOCH);

    Path written = RunReport.write(dir, h, result, info);

    assertThat(written).isEqualTo(tmp.resolve("chaos/planted_stale_read/19700101T000000.000Z"));
    assertThat(written.resolve("history.jsonl")).isNotEmptyFile();
    assertThat(History.readJsonl(written.resolve("history.jsonl")).ops()).isEqualTo(h.ops());
    JsonObject results = JsonParser.parseString(Files.readString(written.resolve("results.json"))).getAsJsonObject();
    assertThat(results.get("valid").getAsBoolean()).isFalse();
    assertThat(results.getAsJsonObject("test").get("seed").getAsLong()).isEqualTo(42);
    assertThat(results.getAsJsonObject("test").get("duration").getAsString()).isEqualTo("PT1M");
    assertThat(written.resolve("timeline.html")).isNotEmptyFile();
    assertThat(written.resolve("latency.svg")).isNotEmptyFile();
  }

  @Test
  void timelineIsSelfContainedAndOutlinesTheExplainedOps() throws Exception {
    History h = staleReadUnderPartition();
    Path dir = RunReport.write(tmp.resolve("run"), h, check(h), Map.of("test", "timeline"));
    String html = Files.readString(dir.resolve("timeline.html"));

    assertThat(html).doesNotContainIgnoringCase("http");
    assertThat(Pattern.compile("(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find()).isFalse();
    assertThat(html).doesNotContain("@import", "url(");
    // Untrusted text is embedded as escaped JSON, so it cannot close the script or inject markup.
    assertThat(html.split("</script>", -1)).hasSize(2);
    assertThat(html).doesNotContain("<b>timeout", "<n1>");
    // The read that saw 1 after 2 was written (invoke index 5) is marked as the stuck op (2), the writes before it
    // as named (1).
    assertThat(html).containsPattern("\\[2,[0-9]+,[0-9]+,\"ok\",\"read\",\"x\",\"null\",\"1\",null,5,6,2\\]");
    assertThat(html).containsPattern("\\[1,[0-9]+,[0-9]+,\"ok\",\"write\",\"x\",\"2\",\"2\",null,3,4,1\\]");
    // The later write on y is not named by any explanation.
    assertThat(html).containsPattern("\"write\",\"y\",\"9\",\"9\",\".*?\",7,8,0\\]");
  }

  @Test
  void latencyPlotIsWellFormedSvgWithShadedFaultWindow() throws Exception {
    History h = staleReadUnderPartition();
    Path dir = RunReport.write(tmp.resolve("run"), h, check(h), Map.of());
    String svg = Files.readString(dir.resolve("latency.svg"));

    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setNamespaceAware(true);
    Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));

    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(svg).contains("<title>partition</title>", "time since start (s)", "latency (ms, log)");
    // One marker per completed client op: reads are circles (first f), writes squares; the legend adds more.
    assertThat(doc.getElementsByTagName("circle").getLength()).isEqualTo(1 + 1);
  }

  @Test
  void reportForAnEmptyHistoryStillRenders() throws Exception {
    Path dir = RunReport.write(tmp.resolve("empty"), new History(), null, null);
    assertThat(Files.readString(dir.resolve("history.jsonl"))).isEmpty();
    assertThat(Files.readString(dir.resolve("results.json"))).contains("\"test\": {}");
    DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new InputSource(new StringReader(Files.readString(dir.resolve("latency.svg")))));
  }
}
