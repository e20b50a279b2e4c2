package dev.synod.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** The combined result is valid only if every checker is, and serializes every part to JSON. */
class CheckResultTest {

  @Test
  void validOnlyIfEveryCheckerIsValid() {
    Recorder ok = new Recorder();
    ok.writeOk(0, "x", 1);
    ok.readOk(1, "x", 1L);
    CheckResult valid = CheckResult.of(ok.check(), null, Stats.of(ok.history), AvailabilityReport.of(ok.history));
    assertThat(valid.valid()).isTrue();

    Recorder stale = new Recorder();
    stale.writeOk(0, "x", 1);
    stale.readOk(1, "x", null);
    CheckResult invalid = CheckResult.of(stale.check(), null, Stats.of(stale.history), null);
    assertThat(invalid.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(invalid.summary()).contains("linearizability: INVALID", "cannot be linearized");
  }

  @Test
  void unknownSetMakesTheRunUnknown() {
    Recorder h = new Recorder();
    h.writeOk(0, "x", 1);
    CheckResult r = CheckResult.of(h.check(), SetChecker.check(h.history), null, null);
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.valid()).isFalse();
  }

  @Test
  void serializesToJsonWithExplanations() {
    Recorder h = new Recorder();
    h.writeOk(0, "x", 1);
    h.readOk(1, "x", 2L);
    JsonObject json = JsonParser.parseString(CheckResult.of(h.check(), null, Stats.of(h.history),
        AvailabilityReport.of(h.history)).toJson()).getAsJsonObject();
    assertThat(json.get("valid").getAsBoolean()).isFalse();
    assertThat(json.get("verdict").getAsString()).isEqualTo("INVALID");
    JsonObject key = json.getAsJsonObject("linearizability").getAsJsonObject("keys").getAsJsonObject("x");
    assertThat(key.getAsJsonObject("explanation").getAsJsonObject("stuck").get("description").getAsString())
        .isEqualTo("read → 2");
    assertThat(json.getAsJsonObject("stats").getAsJsonObject("byF").getAsJsonObject("read").get("ok").getAsInt())
        .isEqualTo(1);
    assertThat(json.get("set").isJsonNull()).isTrue();
  }
}
