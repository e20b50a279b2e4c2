package dev.synod.client;

import dev.synod.proto.v1.ResponseHeader;
import dev.synod.proto.v1.WatchEvent;

/**
 * Receives the events of one watch. Calls are serialized and arrive in revision order, across
 * reconnects too; a slow listener slows the stream (flow control), it never drops events.
 */
public interface WatchListener {
  /** One event; revisions never go backwards. */
  void onEvent(WatchEvent event);

  /** The server registered the watch; called again after every automatic reconnect. */
  default void onCreated(ResponseHeader header) {}

  /**
   * The watch ended for good: retries exhausted, a non-retryable status, or history compacted
   * ({@link WatchCompactedException}). Not called after {@link WatchHandle#close()}.
   */
  void onError(SynodException error);
}
