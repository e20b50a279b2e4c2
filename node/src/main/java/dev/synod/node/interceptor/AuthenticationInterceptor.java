package dev.synod.node.interceptor;

import dev.synod.node.auth.AuthenticationFailure;
import dev.synod.node.auth.Authenticator;
import dev.synod.node.auth.Identity;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.SocketAddress;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Establishes who is calling, from a bearer token or the TLS client certificate; refuses bad credentials. */
public final class AuthenticationInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(AuthenticationInterceptor.class);

  private final Authenticator authenticator;

  /** @param authenticator null in insecure-dev mode, where every caller acts as admin */
  public AuthenticationInterceptor(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String peer = peer(call);
    Identity identity;
    if (authenticator == null) {
      identity = Identity.insecureDev();
    } else {
      try {
        SSLSession tls = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        identity = authenticator.authenticate(headers.get(CallContext.AUTHORIZATION_HEADER), tls, peer);
      } catch (AuthenticationFailure e) {
        return Refusal.refuse(log, call, Status.UNAUTHENTICATED.withDescription(e.getMessage()), peer);
      } catch (StatusRuntimeException e) {
        // The token table is not readable yet (Raft still starting): a retryable condition, not a bad credential.
        return Refusal.refuse(log, call, e.getStatus(), peer);
      }
    }
    // The secret must not travel further than this interceptor (logs, handlers).
    headers.discardAll(CallContext.AUTHORIZATION_HEADER);
    return Contexts.interceptCall(Context.current().withValue(CallContext.IDENTITY, identity), call, headers, next);
  }

  static String peer(ServerCall<?, ?> call) {
    SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    if (remote == null) {
      return "unknown peer";
    }
    // Runs on every call: a prefix check, not a regular expression.
    String address = remote.toString();
    return address.startsWith("/") ? address.substring(1) : address;
  }
}
