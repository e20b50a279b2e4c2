package dev.synod.client.cli;

/** Process exit codes of the {@code synod} CLI, distinct so scripts can branch on them. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** The server rejected or failed the request. */
  public static final int SERVER_ERROR = 1;
  /** Bad flags or arguments (picocli's default for usage errors). */
  public static final int USAGE = 2;
  /** No endpoint answered in time (UNAVAILABLE or DEADLINE_EXCEEDED after retries). */
  public static final int UNAVAILABLE = 3;
  /** A local file could not be read or written, or a snapshot file is corrupt. */
  public static final int LOCAL_FILE = 4;
  /** {@code kv get}: the key does not exist. */
  public static final int NOT_FOUND = 5;
  /** {@code kv cas}: the key's mod revision did not match. */
  public static final int CAS_FAILED = 6;

  private ExitCodes() {}
}
