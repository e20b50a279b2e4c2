package dev.synod.client;

/** A running watch; close it to cancel the stream. */
public interface WatchHandle extends AutoCloseable {
  /** Revision of the last event delivered (or the watch's creation revision); -1 if none yet. */
  long lastRevision();

  /** False once closed or terminated by an error. */
  boolean isActive();

  /** Cancels the stream and stops reconnecting. Idempotent. */
  @Override
  void close();
}
