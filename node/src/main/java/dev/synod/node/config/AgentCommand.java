package dev.synod.node.config;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code synod agent}: reads the configuration and hands it to the runner that starts the node. It has one
 * flag per {@link ConfigKey}, added from the table when picocli builds the command; all flags take text, so
 * that every conversion, check and message comes from {@link AgentConfigLoader}.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    abbreviateSynopsis = true,
    sortOptions = false, // the order of the settings table groups related settings
    description = "Runs a Synod translation node.%n"
        + "Settings come from the --config YAML file, then SYNOD_* environment variables, then these flags.")
public final class AgentCommand implements Callable<Integer> {
  /** Exit code for a configuration that cannot be accepted; the same code picocli uses for usage errors. */
  public static final int EXIT_BAD_CONFIG = CommandLine.ExitCode.USAGE;

  private CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file of settings; SYNOD_* variables and flags override it.")
  private String configFile;

  private final Function<AgentConfig, Integer> runner;
  private final Map<String, String> env;

  /**
   * @param runner starts the node with the loaded config and returns the process exit code
   * @param env the process environment ({@code System.getenv()} in production)
   */
  public AgentCommand(Function<AgentConfig, Integer> runner, Map<String, String> env) {
    this.runner = runner;
    this.env = Map.copyOf(env);
  }

  /**
   * Picocli injects the spec while it builds the command, however the command is registered (top level or
   * {@code addSubcommand}); that is where the setting flags are added. (A model transformer would be skipped
   * for a command added with {@code addSubcommand}.)
   */
  @Spec
  void spec(CommandSpec spec) {
    this.spec = spec;
    addSettingFlags(spec);
  }

  @Override
  public Integer call() {
    AgentConfig config;
    try {
      config = AgentConfigLoader.load(configPath(), env, flagValues());
    } catch (ConfigException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("error: " + e.getMessage());
      err.flush();
      return EXIT_BAD_CONFIG;
    }
    return runner.apply(config);
  }

  private Optional<Path> configPath() {
    if (configFile == null) {
      return Optional.empty();
    }
    try {
      if (configFile.isBlank()) {
        throw new InvalidPathException(configFile, "empty");
      }
      return Optional.of(Path.of(configFile));
    } catch (InvalidPathException e) {
      throw new ConfigException("config file " + ConfigException.quote(configFile) + ": not a valid path");
    }
  }

  /** The setting flags given on this command line, by flag name; a repeated --seeds is joined with commas. */
  private Map<String, String> flagValues() {
    ParseResult parsed = spec.commandLine().getParseResult();
    Map<String, String> values = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKey.values()) {
      OptionSpec option = parsed.matchedOption(key.flag());
      if (option != null) {
        Object value = option.getValue();
        values.put(key.flag(), value instanceof List<?> list
            ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
            : String.valueOf(value));
      }
    }
    return values;
  }

  /** One text-valued flag per setting, with its description, default and variable in the help. */
  private static void addSettingFlags(CommandSpec spec) {
    for (ConfigKey key : ConfigKey.values()) {
      if (spec.findOption(key.flag()) != null) {
        continue; // already added: the spec was injected again
      }
      String help = key.description() + " Default: " + key.defaultText() + ". Env: " + key.envVar() + ".";
      OptionSpec.Builder option = OptionSpec.builder(key.flag())
          .paramLabel(key.type().paramLabel())
          .description(help.replace("%", "%%")); // picocli formats descriptions
      if (key.type() == ValueType.BOOLEAN) {
        option.type(String.class).arity("0..1").fallbackValue("true"); // --enable-reflection means true
      } else if (key.type() == ValueType.HOST_PORT_LIST) {
        option.type(List.class).auxiliaryTypes(String.class); // --seeds may repeat
      } else {
        option.type(String.class);
      }
      spec.addOption(option.build());
    }
  }
}
