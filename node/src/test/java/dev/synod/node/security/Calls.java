package dev.synod.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.KvGrpc;
import dev.synod.proto.v1.PutRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;

/** Small helpers for calls that must fail with a given status, over channels that are closed afterwards. */
final class Calls {
  private Calls() {}

  interface Call {
    void run(ManagedChannel channel);
  }

  static StatusRuntimeException failure(ManagedChannel channel, Call call) {
    try {
      call.run(channel);
      return fail("the call succeeded, but it had to be refused");
    } catch (StatusRuntimeException e) {
      return e;
    } finally {
      channel.shutdownNow();
    }
  }

  static void succeeds(ManagedChannel channel, Call call) {
    try {
      call.run(channel);
    } finally {
      channel.shutdownNow();
    }
  }

  static void get(ManagedChannel channel) {
    KvGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .get(GetRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")).build());
  }

  static void put(ManagedChannel channel, String key) {
    long revision = KvGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFromUtf8("v"))
            .build()).getHeader().getRevision();
    assertThat(revision).isPositive();
  }
}
