package dev.synod.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalecube.cluster.transport.api.Message;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidClassException;
import java.util.Date;
import org.junit.jupiter.api.Test;

class GossipMessageCodecTest {

  private final GossipMessageCodec codec = new GossipMessageCodec();

  private Message roundTrip(Message message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.serialize(message, out);
    return codec.deserialize(new ByteArrayInputStream(out.toByteArray()));
  }

  @Test
  void scalecubeMessagesPass() throws Exception {
    Message message = Message.withData("payload").qualifier("sc/test").correlationId("c1").build();
    Message back = roundTrip(message);
    assertThat(back.qualifier()).isEqualTo("sc/test");
    assertThat(back.<String>data()).isEqualTo("payload");
  }

  @Test
  void framesCarryingOtherClassesAreRefused() {
    Message gadget = Message.withData(new Date(0)).qualifier("sc/test").build();
    assertThatThrownBy(() -> roundTrip(gadget)).isInstanceOf(InvalidClassException.class).hasMessageContaining("REJECTED");
  }
}
