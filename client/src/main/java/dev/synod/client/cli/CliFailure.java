package dev.synod.client.cli;

/** An expected command failure: printed as {@code error: <message>}, exits with its code. */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int exitCode;

  CliFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }
}
