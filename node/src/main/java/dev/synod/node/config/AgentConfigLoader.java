package dev.synod.node.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds an {@link AgentConfig} from its three sources. Later sources win: the YAML file, then {@code SYNOD_*}
 * environment variables, then flags. Every error is a {@link ConfigException} that also says which source
 * the bad value came from.
 */
public final class AgentConfigLoader {
  private static final String ENV_PREFIX = "SYNOD_";

  private AgentConfigLoader() {}

  /**
   * @param yamlFile the config file, if one was given; it must exist
   * @param env the process environment; variables without the {@code SYNOD_} prefix are ignored
   * @param flagValues flag values keyed by flag name, e.g. {@code "--api-port" -> "7400"}
   */
  public static AgentConfig load(Optional<Path> yamlFile, Map<String, String> env, Map<String, String> flagValues) {
    Map<ConfigKey, Setting> settings = new EnumMap<>(ConfigKey.class);
    yamlFile.ifPresent(file -> settings.putAll(YamlSettings.read(file)));
    settings.putAll(fromEnv(env));
    settings.putAll(fromFlags(flagValues));
    AgentConfigBuilder builder = AgentConfig.builder();
    settings.forEach((key, setting) -> builder.set(key, setting.value()));
    try {
      return builder.build();
    } catch (ConfigException e) {
      Setting culprit = e.key().map(settings::get).orElse(null);
      throw culprit == null ? e : e.from(culprit.source());
    }
  }

  private static Map<ConfigKey, Setting> fromEnv(Map<String, String> env) {
    Map<ConfigKey, Setting> settings = new EnumMap<>(ConfigKey.class);
    // Sorted, so that with several bad variables the same one is always reported.
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(ENV_PREFIX) || ConfigKey.FOREIGN_VARIABLES.contains(name)) {
        continue;
      }
      ConfigKey key = ConfigKey.byEnvVar(name).orElseThrow(() -> new ConfigException(
          "unknown environment variable " + name + ClosestName.hint(name, names(ConfigKey::envVar))));
      settings.put(key, convert(key, e.getValue(), name));
    }
    return settings;
  }

  private static Map<ConfigKey, Setting> fromFlags(Map<String, String> flagValues) {
    Map<ConfigKey, Setting> settings = new EnumMap<>(ConfigKey.class);
    for (Map.Entry<String, String> e : new TreeMap<>(flagValues).entrySet()) {
      String flag = e.getKey();
      ConfigKey key = ConfigKey.byFlag(flag).orElseThrow(() -> new ConfigException(
          "unknown flag " + flag + ClosestName.hint(flag, names(ConfigKey::flag))));
      settings.put(key, convert(key, e.getValue(), flag));
    }
    return settings;
  }

  private static Setting convert(ConfigKey key, String text, String source) {
    try {
      return new Setting(key.type().convert(key, text), source);
    } catch (ConfigException e) {
      throw e.from(source);
    }
  }

  private static List<String> names(java.util.function.Function<ConfigKey, String> name) {
    return Arrays.stream(ConfigKey.values()).map(name).toList();
  }

  /** A converted value and where it came from: a file and line, a variable or a flag. */
  record Setting(Object value, String source) {}
}
