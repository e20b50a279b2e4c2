package dev.synod.client.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ScopeType;

/**
 * The {@code synod} operator CLI. Other modules add their own subcommands (the node adds
 * {@code agent}) to the tree from {@link #commandLine()} with {@link CommandLine#addSubcommand}.
 */
@Command(name = "synod", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
    versionProvider = SynodCli.Version.class,
    description = "Operate a Synod cluster.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:the server rejected or failed the request", "2:usage error",
        "3:no endpoint answered in time",
        "4:local file error: unreadable PEM, existing output file, corrupt snapshot file",
        "5:key not found (kv get)", "6:compare-and-set mismatch (kv cas)"},
    subcommands = {MembersCommand.class, RaftCommand.class, KvCommand.class, SnapshotCommand.class,
        StatusCommand.class, AutopilotCommand.class, AclCommand.class, TlsCommand.class,
        CommandLine.HelpCommand.class})
public final class SynodCli extends GroupCommand {

  /** The command tree with UTF-8 output and {@code error: ...} handling wired in. */
  public static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new SynodCli());
    cmd.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cmd.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    CliErrors errors = new CliErrors();
    cmd.setParameterExceptionHandler(errors);
    cmd.setExecutionExceptionHandler(errors);
    return cmd;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** Reports the jar's implementation version. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SynodCli.class.getPackage().getImplementationVersion();
      return new String[] {"synod " + (v == null ? "(development build)" : v)};
    }
  }
}
