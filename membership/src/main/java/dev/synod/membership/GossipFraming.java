package dev.synod.membership;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import reactor.netty.NettyPipeline;

/** Puts the 4-byte length framing (and, with TLS, the failure log) into a gossip connection. */
final class GossipFraming {

  static final int LENGTH_BYTES = 4;
  static final String TLS_FAILURES = "gossip.tlsFailures";
  static final String FRAME_DECODER = "gossip.frameDecoder";
  static final String FRAME_PREPENDER = "gossip.framePrepender";

  private GossipFraming() {}

  /**
   * Called from doOnChannelInit, which reactor-netty runs after its own set-up: with TLS the
   * SslHandler is already first in the pipeline. Frames must be cut from decrypted bytes, so they
   * go right above it; without TLS they go first, below reactor-netty's handlers.
   */
  static void install(ChannelPipeline pipeline, int maxFrameLength, boolean inbound) {
    LengthFieldBasedFrameDecoder decoder = new LengthFieldBasedFrameDecoder(maxFrameLength, 0, LENGTH_BYTES, 0, LENGTH_BYTES);
    LengthFieldPrepender prepender = new LengthFieldPrepender(LENGTH_BYTES);
    if (pipeline.get(NettyPipeline.SslHandler) != null) {
      pipeline.addAfter(NettyPipeline.SslHandler, TLS_FAILURES, new TlsFailureLogger(inbound));
      pipeline.addAfter(TLS_FAILURES, FRAME_DECODER, decoder);
      pipeline.addAfter(FRAME_DECODER, FRAME_PREPENDER, prepender);
    } else {
      pipeline.addFirst(FRAME_DECODER, decoder);
      pipeline.addFirst(FRAME_PREPENDER, prepender);
    }
  }
}
