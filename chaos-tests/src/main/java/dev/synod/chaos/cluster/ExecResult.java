package dev.synod.chaos.cluster;

/**
 * Outcome of a command run inside a node's container.
 *
 * @param exitCode the command's exit status
 * @param stdout what it wrote to standard output
 * @param stderr what it wrote to standard error
 */
public record ExecResult(int exitCode, String stdout, String stderr) {

  public boolean ok() {
    return exitCode == 0;
  }

  /** Standard output followed by standard error. */
  public String output() {
    return stderr.isEmpty() ? stdout : stdout + stderr;
  }

  /** Returns this result if the command succeeded, else throws naming the command and its output. */
  public ExecResult orThrow(String what) {
    if (!ok()) {
      throw new ClusterException(what + " failed with exit code " + exitCode + ": " + output().strip());
    }
    return this;
  }
}
