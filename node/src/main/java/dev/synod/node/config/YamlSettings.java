package dev.synod.node.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads the agent's YAML file: a flat mapping of setting keys. The file is composed into nodes first so that
 * every error can point at a line; values are then built with snakeyaml's SafeConstructor (standard YAML types only).
 */
final class YamlSettings {
  private static final int MAX_FILE_CODE_POINTS = 1 << 20;

  private YamlSettings() {}

  static Map<ConfigKey, AgentConfigLoader.Setting> read(Path file) {
    String shown = file.toAbsolutePath().normalize().toString();
    String text = readText(file, shown);
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(16);
    options.setNestingDepthLimit(16);
    options.setCodePointLimit(MAX_FILE_CODE_POINTS);
    Values values = new Values(options);
    Node root;
    try {
      root = new Yaml(values, new Representer(new DumperOptions()), new DumperOptions(), options)
          .compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      throw new ConfigException("config file " + shown + ": malformed YAML at " + at(e.getProblemMark()) + ": "
          + e.getProblem());
    } catch (YAMLException e) {
      throw new ConfigException("config file " + shown + ": malformed YAML: " + e.getMessage());
    }
    Map<ConfigKey, AgentConfigLoader.Setting> settings = new EnumMap<>(ConfigKey.class);
    if (root == null) {
      return settings; // an empty file sets nothing
    }
    if (!(root instanceof MappingNode mapping)) {
      throw new ConfigException("config file " + shown + ": expected a mapping of settings (key: value) at "
          + at(root.getStartMark()));
    }
    for (NodeTuple entry : mapping.getValue()) {
      Node keyNode = entry.getKeyNode();
      String where = shown + " " + at(keyNode.getStartMark());
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        throw new ConfigException("config file " + where + ": expected a setting name as key");
      }
      String name = scalarKey.getValue();
      ConfigKey key = ConfigKey.byYamlKey(name).orElseThrow(() -> new ConfigException(
          "unknown key " + ConfigException.quote(name) + " in config file " + where + ClosestName.hint(name, yamlKeys())));
      if (settings.containsKey(key)) {
        throw new ConfigException("duplicate key " + ConfigException.quote(name) + " in config file " + where, key);
      }
      String source = shown + " " + at(entry.getValueNode().getStartMark());
      Object raw;
      try {
        raw = values.raw(entry.getValueNode(), key.type());
      } catch (MarkedYAMLException e) {
        throw new ConfigException(name + ": cannot read value (" + e.getProblem() + "), from " + source, key);
      } catch (YAMLException e) {
        throw new ConfigException(name + ": cannot read value (" + e.getMessage().strip() + "), from " + source, key);
      }
      try {
        settings.put(key, new AgentConfigLoader.Setting(key.type().convert(key, raw), source));
      } catch (ConfigException e) {
        throw e.from(source);
      }
    }
    return settings;
  }

  private static String readText(Path file, String shown) {
    if (Files.isDirectory(file)) {
      throw new ConfigException("config file " + shown + ": is a directory, expected a YAML file");
    }
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + shown + ": not found");
    } catch (AccessDeniedException e) {
      throw new ConfigException("config file " + shown + ": permission denied");
    } catch (CharacterCodingException e) {
      throw new ConfigException("config file " + shown + ": not valid UTF-8");
    } catch (IOException e) {
      throw new ConfigException("config file " + shown + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /** snakeyaml counts from 0; people count from 1. */
  private static String at(Mark mark) {
    return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  private static List<String> yamlKeys() {
    return Arrays.stream(ConfigKey.values()).map(ConfigKey::yamlKey).toList();
  }

  /** Exposes SafeConstructor's node construction, keeping raw scalar text where the setting is text. */
  private static final class Values extends SafeConstructor {
    Values(LoaderOptions options) {
      super(options);
    }

    Object raw(Node node, ValueType type) {
      if (node instanceof ScalarNode scalar) {
        if (Tag.NULL.equals(scalar.getTag())) {
          return null;
        }
        return type.takesRawScalar() ? scalar.getValue() : constructObject(scalar);
      }
      if (node instanceof SequenceNode sequence) {
        return sequence.getValue().stream().map(item -> raw(item, ValueType.TEXT)).toList();
      }
      return constructObject(node);
    }
  }
}
