package dev.synod.membership;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right above the SslHandler of one gossip connection and logs, once, why TLS failed: a
 * failed handshake, or (TLS 1.3) the peer refusing our certificate just after the client side
 * finished. Events and exceptions are passed on unchanged, so reactor-netty still closes the
 * connection and scalecube still sees the peer as unreachable; the member itself carries on.
 */
final class TlsFailureLogger extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(TlsFailureLogger.class);
  /** NotSslRecordException puts the whole received buffer in hex into its message. */
  private static final int MAX_REASON_LENGTH = 400;
  /** Bounds the walk down a cause chain that someone made circular. */
  private static final int MAX_CAUSE_DEPTH = 8;

  private final String direction;
  private boolean logged;

  /** @param inbound whether this end accepted the connection */
  TlsFailureLogger(boolean inbound) {
    this.direction = inbound ? "from" : "to";
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
      warnOnce(ctx, handshake.cause());
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
    if (tlsCause(cause) != null) {
      warnOnce(ctx, cause);
    }
    super.exceptionCaught(ctx, cause);
  }

  private void warnOnce(ChannelHandlerContext ctx, Throwable cause) {
    if (logged) {
      return;
    }
    logged = true;
    LOG.warn("gossip TLS connection {} {} failed: {}", direction, hostPort(ctx.channel().remoteAddress()), reason(cause));
  }

  /** The peer's IP and port, as gossip addresses are written (netty's own form is "name/ip:port"). */
  private static String hostPort(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }

  private static String reason(Throwable cause) {
    Throwable tls = tlsCause(cause);
    Throwable shown = tls != null ? tls : cause;
    String text = shown.getClass().getSimpleName() + ": " + shown.getMessage();
    return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH) + "...";
  }

  /** The SSLException in the chain (netty wraps it in a DecoderException), or null. */
  private static SSLException tlsCause(Throwable cause) {
    Throwable t = cause;
    for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof SSLException ssl) {
        return ssl;
      }
    }
    return null;
  }
}
