package dev.synod.bench.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AttachedJitMeterTest {
  @Test
  void readsTheGrowingCompileTimeOfAnotherJvm() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CompilingChild.class.getName()).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("ready");
      try (AttachedJitMeter meter = AttachedJitMeter.attach(Map.of("child", child.pid()))) {
        Duration first = meter.compileTotals().get("child");
        Thread.sleep(1_000);
        Duration later = meter.compileTotals().get("child");

        assertThat(meter.compileTotals()).containsOnlyKeys("child");
        assertThat(first).isPositive();
        assertThat(later).isGreaterThanOrEqualTo(first);
      }
    } finally {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aProcessThatIsNotAJvmIsAnErrorNamingTheMemberAndThePid() throws Exception {
    Process sleep = new ProcessBuilder("sleep", "30").start();
    try {
      assertThatThrownBy(() -> AttachedJitMeter.attach(Map.of("node-9", sleep.pid())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("node-9 (pid " + sleep.pid() + "): cannot attach to it as a JVM: ");
    } finally {
      sleep.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
