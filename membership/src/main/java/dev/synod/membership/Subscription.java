package dev.synod.membership;

/** Stops the delivery of membership events to one listener; closing twice is harmless. */
public interface Subscription extends AutoCloseable {

  @Override
  void close();
}
