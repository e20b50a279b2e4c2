package dev.synod.node.interceptor;

import dev.synod.node.auth.Identity;
import io.grpc.Context;
import io.grpc.Metadata;

/** What the interceptors learn about a call and hand to the ones after them and to the handler. */
public final class CallContext {
  public static final Context.Key<String> REQUEST_ID = Context.key("synod-request-id");
  public static final Context.Key<Identity> IDENTITY = Context.key("synod-identity");

  public static final Metadata.Key<String> REQUEST_ID_HEADER =
      Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
  public static final Metadata.Key<String> AUTHORIZATION_HEADER =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  /** Trailer on RESOURCE_EXHAUSTED: how long to wait before trying again. */
  public static final Metadata.Key<String> RETRY_AFTER_MS_TRAILER =
      Metadata.Key.of("retry-after-ms", Metadata.ASCII_STRING_MARSHALLER);

  /** Name of the MDC entry that puts the request id into every log line written while serving a call. */
  public static final String MDC_REQUEST_ID = "requestId";

  private CallContext() {}

  public static String requestId() {
    String id = REQUEST_ID.get();
    return id == null ? "-" : id;
  }

  public static Identity identity() {
    return IDENTITY.get();
  }
}
