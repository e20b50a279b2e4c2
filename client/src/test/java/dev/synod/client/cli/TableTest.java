package dev.synod.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Pins the table layout: aligned columns, two-space gaps, no trailing blanks, escaped controls. */
class TableTest {
  @Test
  void alignsColumnsToTheWidestCell() {
    String s = new Table("NODE", "ROLE", "TERM").row("n1", "leader", 3).row("node-two", "", 12).toString();

    assertThat(s).isEqualTo(""
        + "NODE      ROLE    TERM\n"
        + "n1        leader  3\n"
        + "node-two          12\n");
  }

  @Test
  void escapesControlCharactersSoRowsStayOnOneLine() {
    String s = new Table("KEY", "VALUE").row("a", "x\ny\tz").toString();

    assertThat(s).isEqualTo("KEY  VALUE\na    x\\ny\\tz\n");
  }

  @Test
  void rejectsARowOfTheWrongWidth() {
    assertThatThrownBy(() -> new Table("A", "B").row("x")).hasMessage("row: 1 cells (expected: 2)");
  }
}
