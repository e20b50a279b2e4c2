package dev.synod.node.bootstrap;

import java.io.IOException;

/** The data directory cannot be used; the message says why and what to do. */
public final class DataDirectoryException extends IOException {
  public DataDirectoryException(String message) {
    super(message);
  }
}
