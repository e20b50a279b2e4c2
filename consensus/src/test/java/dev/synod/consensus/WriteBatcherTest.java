package dev.synod.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.consensus.Frames.Frame;
import dev.synod.consensus.Frames.Kind;
import dev.synod.consensus.LeaderClient.AppliedEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class WriteBatcherTest {

  /** Records every entry sent; the test answers them. */
  private static final class Sender implements WriteBatcher.EntrySender {
    final List<byte[]> sent = new ArrayList<>();
    final List<CompletableFuture<AppliedEntry>> replies = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<AppliedEntry> send(byte[] entry) {
      sent.add(entry);
      CompletableFuture<AppliedEntry> reply = new CompletableFuture<>();
      replies.add(reply);
      return reply;
    }

    List<String> commands(int batch) {
      return Frames.decode("proposal", sent.get(batch)).stream().map(f -> {
        assertThat(f.kind()).isEqualTo(Kind.COMMAND);
        return new String(f.payload(), StandardCharsets.UTF_8);
      }).toList();
    }

    /** Answers batch {@code batch} at {@code index} with "done:<command>" for each command. */
    void answer(int batch, long index) {
      List<Frame> results = commands(batch).stream()
          .map(c -> new Frame(Kind.RESULT, ("done:" + c).getBytes(StandardCharsets.UTF_8))).toList();
      replies.get(batch).complete(new AppliedEntry(index, Frames.encode(results)));
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(CompletableFuture<WriteResult> f) throws Exception {
    return new String(f.get().result(), StandardCharsets.UTF_8);
  }

  @Test
  void aLoneWriteLeavesAtOnceAndWritesArrivingMeanwhileLeaveTogether() throws Exception {
    Sender sender = new Sender();
    WriteBatcher batcher = new WriteBatcher(sender, 1, 1 << 20);

    CompletableFuture<WriteResult> first = batcher.write(b("a"));
    CompletableFuture<WriteResult> second = batcher.write(b("b"));
    CompletableFuture<WriteResult> third = batcher.write(b("c"));

    assertThat(sender.sent).hasSize(1);
    assertThat(sender.commands(0)).containsExactly("a");
    sender.answer(0, 10);
    assertThat(text(first)).isEqualTo("done:a");
    assertThat(first.get().revision()).isEqualTo(Revisions.of(10, 0));

    assertThat(sender.sent).as("the queued writes leave as one batch once the first returns").hasSize(2);
    assertThat(sender.commands(1)).containsExactly("b", "c");
    sender.answer(1, 11);
    assertThat(text(second)).isEqualTo("done:b");
    assertThat(text(third)).isEqualTo("done:c");
    assertThat(second.get().index()).isEqualTo(11);
    assertThat(List.of(second.get().revision(), third.get().revision()))
        .containsExactly(Revisions.of(11, 0), Revisions.of(11, 1));
  }

  @Test
  void upToInFlightBatchesTravelAtOnce() {
    Sender sender = new Sender();
    WriteBatcher batcher = new WriteBatcher(sender, 2, 1 << 20);

    batcher.write(b("a"));
    batcher.write(b("b"));
    batcher.write(b("c"));
    batcher.write(b("d"));

    assertThat(sender.sent).hasSize(2);
    sender.answer(1, 5);
    assertThat(sender.sent).hasSize(3);
    assertThat(sender.commands(2)).containsExactly("c", "d");
  }

  @Test
  void theByteBudgetSplitsBatchesButAnOversizedCommandStillGoesAlone() {
    Sender sender = new Sender();
    WriteBatcher batcher = new WriteBatcher(sender, 1, 4);

    batcher.write(b("x"));
    batcher.write(b("aa"));
    batcher.write(b("bb"));
    batcher.write(b("cccccc"));
    sender.answer(0, 1);
    sender.answer(1, 2);

    assertThat(sender.commands(1)).containsExactly("aa", "bb");
    assertThat(sender.commands(2)).containsExactly("cccccc");
  }

  @Test
  void eachWriterGetsItsOwnOutcome() throws Exception {
    Sender sender = new Sender();
    WriteBatcher batcher = new WriteBatcher(sender, 1, 1 << 20);
    batcher.write(b("first"));
    CompletableFuture<WriteResult> ok = batcher.write(b("ok"));
    CompletableFuture<WriteResult> rejected = batcher.write(b("bad"));
    CompletableFuture<WriteResult> failed = batcher.write(b("boom"));
    sender.answer(0, 1);

    sender.replies.get(1).complete(new AppliedEntry(2, Frames.encode(List.of(new Frame(Kind.RESULT, b("fine")),
        new Frame(Kind.REJECTED, b("key: too long")), new Frame(Kind.FAILED, b("java.lang.NullPointerException"))))));

    assertThat(text(ok)).isEqualTo("fine");
    assertThatThrownBy(rejected::get).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("key: too long");
    assertThatThrownBy(failed::get).cause().isInstanceOf(IllegalStateException.class)
        .hasMessage("state machine failed: java.lang.NullPointerException");
  }

  @Test
  void aFailedOrUnreadableReplyFailsEveryWriteOfTheBatchAndTheNextBatchStillLeaves() {
    Sender sender = new Sender();
    WriteBatcher batcher = new WriteBatcher(sender, 1, 1 << 20);
    CompletableFuture<WriteResult> a = batcher.write(b("a"));
    CompletableFuture<WriteResult> b1 = batcher.write(b("b1"));
    CompletableFuture<WriteResult> b2 = batcher.write(b("b2"));
    CompletableFuture<WriteResult> c = batcher.write(b("c"));

    NotLeaderOrUnavailableException down = new NotLeaderOrUnavailableException("no leader", Optional.empty(), null);
    sender.replies.get(0).completeExceptionally(down);
    assertThatThrownBy(a::get).cause().isSameAs(down);

    sender.replies.get(1).complete(new AppliedEntry(3, Frames.encode(List.of(new Frame(Kind.RESULT, b("one"))))));
    assertThatThrownBy(b1::get).cause().isInstanceOf(IllegalStateException.class)
        .hasMessage("state machine reply at index 3 is unreadable: reply.count: 1 (expected: 3, the commands sent)");
    assertThatThrownBy(b2::get).cause().isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(c::get).cause().isInstanceOf(IllegalStateException.class);
    assertThat(sender.sent).hasSize(2);
  }
}
