package dev.synod.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps docs/configuration.md in step with {@link ConfigKey}: the settings table there is generated from the
 * table in code, and its YAML example must load. Run with {@code -Dsynod.docs.update=true} to rewrite the table.
 */
class ConfigurationDocTest {
  static final String BEGIN = "<!-- settings-table:begin (generated from ConfigKey by ConfigurationDocTest; do not edit) -->";
  static final String END = "<!-- settings-table:end -->";

  @TempDir Path dir;

  @Test
  void settingsTableInDocsMatchesConfigKey() throws IOException {
    Path doc = docFile();
    String text = Files.readString(doc);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertThat(begin).as("marker in %s: %s", doc, BEGIN).isNotNegative();
    assertThat(end).as("marker in %s: %s", doc, END).isGreaterThan(begin);
    String current = text.substring(begin + BEGIN.length(), end);
    String expected = "\n" + markdownTable();
    if (Boolean.getBoolean("synod.docs.update") && !current.equals(expected)) {
      Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + expected + text.substring(end));
      return;
    }
    assertThat(current)
        .as("%s is out of date; regenerate it with: mvn -o -pl node test -Dtest=ConfigurationDocTest -Dsynod.docs.update=true", doc)
        .isEqualTo(expected);
  }

  @Test
  void yamlExampleInDocsLoads() throws IOException {
    String text = Files.readString(docFile());
    int start = text.indexOf("```yaml\n", text.indexOf("## Example"));
    assertThat(start).as("a ```yaml block under ## Example").isNotNegative();
    start += "```yaml\n".length();
    String example = text.substring(start, text.indexOf("```", start));
    Path file = Files.writeString(dir.resolve("agent.yaml"), example);
    AgentConfig config = AgentConfigLoader.load(Optional.of(file), Map.of(), Map.of());
    assertThat(config.seeds()).isNotEmpty();
  }

  static String markdownTable() {
    StringBuilder out = new StringBuilder()
        .append("| YAML key | Environment variable | Flag | Type | Default | Description |\n")
        .append("|---|---|---|---|---|---|\n");
    for (ConfigKey key : ConfigKey.values()) {
      String defaultText = key.literalDefault().isPresent() ? code(key.defaultText()) : key.defaultText();
      out.append("| ").append(code(key.yamlKey()))
          .append(" | ").append(code(key.envVar()))
          .append(" | ").append(code(key.flag()))
          .append(" | ").append(cell(typeName(key.type())))
          .append(" | ").append(cell(defaultText))
          .append(" | ").append(cell(key.description()))
          .append(" |\n");
    }
    return out.toString();
  }

  private static String typeName(ValueType type) {
    return switch (type) {
      case BOOLEAN -> "boolean";
      case DURATION -> "duration";
      default -> type.expected();
    };
  }

  private static String code(String s) {
    return "`" + s + "`";
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }

  /** docs/configuration.md of the repository, found from the working directory (the module when run by Maven). */
  private static Path docFile() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("docs/configuration.md");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("docs/configuration.md not found above " + Path.of("").toAbsolutePath());
  }
}
