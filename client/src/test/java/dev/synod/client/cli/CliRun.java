package dev.synod.client.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of the {@code synod} CLI with captured stdout and stderr. */
record CliRun(int exit, String out, String err) {
  static CliRun of(String... args) {
    CommandLine cmd = SynodCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  List<String> outLines() {
    return Arrays.asList(out.split("\n"));
  }

  @Override
  public String toString() {
    return "exit=" + exit + "\n--- out ---\n" + out + "--- err ---\n" + err;
  }
}
