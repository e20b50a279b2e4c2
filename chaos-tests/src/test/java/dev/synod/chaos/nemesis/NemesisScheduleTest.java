package dev.synod.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NemesisScheduleTest {

  @Test
  void sameSeedGivesSameStepsAndDurationsStayInBounds() {
    List<Nemesis> all = Nemeses.all();
    NemesisSchedule a = NemesisSchedule.random(all, 99, Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(20));
    NemesisSchedule b = NemesisSchedule.random(all, 99, Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(20));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      NemesisSchedule.Step x = a.next();
      NemesisSchedule.Step y = b.next();
      assertThat(x.nemesis().name()).isEqualTo(y.nemesis().name());
      assertThat(x.faultFor()).isEqualTo(y.faultFor()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
      assertThat(x.quietBefore()).isEqualTo(Duration.ofSeconds(5));
      assertThat(x.index()).isEqualTo(i);
      names.add(x.nemesis().name());
    }
    assertThat(names).containsAll(all.stream().map(Nemesis::name).toList());
  }

  @Test
  void rejectsBadBounds() {
    assertThatThrownBy(() -> NemesisSchedule.random(List.of(), 1, Duration.ZERO, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NemesisSchedule.random(Nemeses.kills(), 1, Duration.ZERO, Duration.ofSeconds(2),
        Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void catalogueNamesAreUniqueAndResolvable() {
    List<String> names = Nemeses.all().stream().map(Nemesis::name).toList();
    assertThat(names).doesNotHaveDuplicates().contains("partition-majorities-ring", "partition-isolate-leader",
        "partition-bridge", "partition-majority-minority", "partition-isolate-one", "kill-one", "kill-minority",
        "kill-leader", "pause-one", "pause-leader", "clock-skew", "clock-strobe", "membership-remove-add");
    for (String n : names) {
      assertThat(Nemeses.byName(n).name()).isEqualTo(n);
    }
    assertThatThrownBy(() -> Nemeses.byName("nope")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partition-bridge");
  }
}
