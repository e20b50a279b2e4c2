package dev.synod.membership;

import io.scalecube.cluster.transport.api.Message;
import io.scalecube.cluster.transport.api.MessageCodec;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * scalecube's JDK message codec with an allow-list: gossip frames may only contain scalecube's
 * own protocol classes. Without it, anyone who can reach the gossip port could make this JVM
 * deserialize arbitrary classes. With {@link GossipTls} only members get that far; the filter
 * still bounds what a member (or a plaintext deployment) can make us deserialize.
 */
final class GossipMessageCodec implements MessageCodec {

  static final ObjectInputFilter FILTER =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=16;maxrefs=20000;maxarray=4194304;io.scalecube.cluster.**;java.lang.Enum;!*");

  @Override
  public Message deserialize(InputStream stream) throws Exception {
    Message message = new Message();
    try (ObjectInputStream in = new ObjectInputStream(stream)) {
      in.setObjectInputFilter(FILTER);
      message.readExternal(in);
    }
    return message;
  }

  @Override
  public void serialize(Message message, OutputStream stream) throws Exception {
    try (ObjectOutputStream out = new ObjectOutputStream(stream)) {
      message.writeExternal(out);
      out.flush();
    }
  }
}
