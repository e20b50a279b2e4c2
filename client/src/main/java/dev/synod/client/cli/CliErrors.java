package dev.synod.client.cli;

import dev.synod.client.SynodException;
import dev.synod.security.pki.PemException;
import io.grpc.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Turns every failure into {@code error: <message>} on stderr and an exit code; no stack traces. */
final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    err.println("error: " + message(ex));
    err.flush();
    return exitCode(ex);
  }

  static int exitCode(Throwable ex) {
    if (ex instanceof CliFailure f) {
      return f.exitCode;
    }
    if (ex instanceof SynodException se) {
      return switch (se.code()) {
        case UNAVAILABLE, DEADLINE_EXCEEDED -> ExitCodes.UNAVAILABLE;
        case DATA_LOSS -> ExitCodes.LOCAL_FILE;
        default -> ExitCodes.SERVER_ERROR;
      };
    }
    if (ex instanceof UncheckedIOException || ex instanceof IOException || ex instanceof PemException) {
      return ExitCodes.LOCAL_FILE;
    }
    return ExitCodes.SERVER_ERROR;
  }

  static String message(Throwable ex) {
    if (ex instanceof CliFailure || ex instanceof SynodException || ex instanceof UncheckedIOException
        || ex instanceof PemException) {
      return ex.getMessage();
    }
    if (ex instanceof IOException) {
      return "I/O: " + ex;
    }
    Status s = Status.fromThrowable(ex);
    if (s.getCode() != Status.Code.UNKNOWN) {
      return s.getCode() + (s.getDescription() == null ? "" : ": " + s.getDescription());
    }
    return "unexpected " + ex.getClass().getSimpleName()
        + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
  }
}
