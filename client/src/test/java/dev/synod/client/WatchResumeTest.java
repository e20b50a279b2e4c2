package dev.synod.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.KeyValue;
import dev.synod.proto.v1.KvEvent;
import dev.synod.proto.v1.KvEventType;
import dev.synod.proto.v1.ResponseHeader;
import dev.synod.proto.v1.WatchEvent;
import dev.synod.proto.v1.WatchRequest;
import dev.synod.proto.v1.WatchResponse;
import dev.synod.proto.v1.WatchTarget;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pins watch auto-resume from the last delivered revision + 1, and compaction as a terminal error. */
class WatchResumeTest {
  private FakeCluster cluster;
  private SynodClient client;
  private final Recorder recorder = new Recorder();

  @BeforeEach
  void start() throws Exception {
    cluster = new FakeCluster(2);
    client = cluster.client().build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    cluster.close();
  }

  static final class Recorder implements WatchListener {
    final List<Long> revisions = new CopyOnWriteArrayList<>();
    final AtomicInteger created = new AtomicInteger();
    final AtomicReference<SynodException> error = new AtomicReference<>();

    @Override
    public void onEvent(WatchEvent event) {
      revisions.add(event.getRevision());
    }

    @Override
    public void onCreated(ResponseHeader header) {
      created.incrementAndGet();
    }

    @Override
    public void onError(SynodException e) {
      error.set(e);
    }
  }

  static WatchResponse created(long revision) {
    return WatchResponse.newBuilder().setCreated(true)
        .setHeader(ResponseHeader.newBuilder().setRevision(revision)).build();
  }

  static WatchResponse events(long... revisions) {
    WatchResponse.Builder b = WatchResponse.newBuilder();
    for (long r : revisions) {
      b.addEvents(WatchEvent.newBuilder().setRevision(r).setKv(KvEvent.newBuilder()
          .setType(KvEventType.KV_EVENT_PUT).setKv(KeyValue.newBuilder()
              .setKey(ByteString.copyFromUtf8("k" + r)).setModRevision(r))));
    }
    return b.build();
  }

  private List<Long> startRevisions() {
    return cluster.nodes.stream().flatMap(n -> n.received("Watch").stream())
        .map(r -> ((WatchRequest) r.request()).getStartRevision()).sorted().toList();
  }

  @Test
  void resumesFromLastDeliveredRevisionPlusOneAfterAStreamError() {
    AtomicInteger connections = new AtomicInteger();
    cluster.nodes.forEach(n -> n.watchScript = (req, obs) -> {
      if (connections.incrementAndGet() == 1) {
        obs.onNext(created(4));
        obs.onNext(events(5, 6));
        obs.onError(Status.UNAVAILABLE.withDescription("node stopping").asRuntimeException());
      } else {
        obs.onNext(created(6));
        obs.onNext(events(7));
      }
    });

    WatchHandle handle = client.watchKv(WatchRequest.newBuilder().setStartRevision(5).build(), recorder);

    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.revisions.size() == 3);
    assertThat(recorder.revisions).containsExactly(5L, 6L, 7L);
    assertThat(startRevisions()).containsExactly(5L, 7L);
    assertThat(recorder.created).hasValue(2);
    assertThat(recorder.error).hasValue(null);
    assertThat(handle.lastRevision()).isEqualTo(7);
    assertThat(handle.isActive()).isTrue();
    handle.close();
    assertThat(handle.isActive()).isFalse();
  }

  @Test
  void aWatchFromNowResumesAfterItsCreationRevision() {
    AtomicInteger connections = new AtomicInteger();
    cluster.nodes.forEach(n -> n.watchScript = (req, obs) -> {
      if (connections.incrementAndGet() == 1) {
        obs.onNext(created(10));
        obs.onError(Status.UNAVAILABLE.asRuntimeException());
      } else {
        obs.onNext(created(12));
      }
    });

    client.watchKv(WatchRequest.getDefaultInstance(), recorder);

    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.created.get() == 2);
    assertThat(startRevisions()).containsExactly(0L, 11L);
  }

  @Test
  void compactionIsSurfacedAsATerminalErrorWithoutReconnecting() {
    cluster.nodes.forEach(n -> n.watchScript = (req, obs) -> {
      obs.onNext(WatchResponse.newBuilder().setCompactRevision(20).build());
      obs.onCompleted();
    });

    WatchHandle handle = client.watchKv(WatchRequest.newBuilder().setStartRevision(3).build(), recorder);

    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.error.get() != null);
    assertThat(recorder.error.get()).isInstanceOfSatisfying(WatchCompactedException.class, e -> {
      assertThat(e.compactRevision()).isEqualTo(20);
      assertThat(e.requestedRevision()).isEqualTo(3);
      assertThat(e.getMessage()).contains("compacted").contains("20");
    });
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
        .until(() -> cluster.count("Watch") == 1);
    assertThat(handle.isActive()).isFalse();
  }

  @Test
  void givesUpAfterMaxRetriesWithTheLastStatus() {
    cluster.nodes.forEach(n -> n.failNext("Watch", 100, Status.UNAVAILABLE.withDescription("down")));
    SynodClient c = cluster.client().maxRetries(2).build();

    c.watchKv(WatchRequest.getDefaultInstance(), recorder);

    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.error.get() != null);
    assertThat(recorder.error.get().code()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(recorder.error.get().attempts()).isEqualTo(3);
    assertThat(cluster.count("Watch")).isEqualTo(3);
    c.close();
  }

  @Test
  void nonRetryableStatusEndsTheWatch() {
    cluster.nodes.forEach(n -> n.failNext("Watch", 1, Status.PERMISSION_DENIED.withDescription("no token")));

    client.watchKv(WatchRequest.getDefaultInstance(), recorder);

    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.error.get() != null);
    assertThat(recorder.error.get().code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(cluster.count("Watch")).isEqualTo(1);
  }

  @Test
  void closeCancelsTheStreamWithoutAnError() {
    AtomicInteger cancelled = new AtomicInteger();
    cluster.nodes.forEach(n -> n.watchScript = (req, obs) -> {
      obs.setOnCancelHandler(cancelled::incrementAndGet);
      obs.onNext(created(1));
    });
    WatchHandle handle = client.watchKv(WatchRequest.getDefaultInstance(), recorder);
    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.created.get() == 1);

    handle.close();

    await().atMost(Duration.ofSeconds(5)).until(() -> cancelled.get() == 1);
    assertThat(recorder.error).hasValue(null);
    assertThat(cluster.count("Watch")).isEqualTo(1);
  }

  @Test
  void registrantWatchForcesItsTarget() {
    client.watchRegistrants(WatchRequest.newBuilder().setTarget(WatchTarget.WATCH_KV).build(), recorder);

    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.created.get() == 1);
    WatchRequest sent = (WatchRequest) cluster.node(0).received("Watch").get(0).request();
    assertThat(sent.getTarget()).isEqualTo(WatchTarget.WATCH_REGISTRANTS);
  }
}
