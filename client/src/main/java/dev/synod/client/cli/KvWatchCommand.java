package dev.synod.client.cli;

import dev.synod.client.SynodClient;
import dev.synod.client.SynodException;
import dev.synod.client.WatchHandle;
import dev.synod.client.WatchListener;
import dev.synod.proto.v1.KeyValue;
import dev.synod.proto.v1.KvEventType;
import dev.synod.proto.v1.WatchEvent;
import dev.synod.proto.v1.WatchRequest;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** {@code synod kv watch}: prints KV events as they happen, until Ctrl-C or a terminal error. */
@Command(name = "watch", description = "Print KV events under PREFIX until interrupted (Ctrl-C).")
final class KvWatchCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "PREFIX", arity = "0..1", defaultValue = "",
      description = "Key prefix to watch (default: all keys).")
  String prefix;

  @Option(names = "--from", paramLabel = "REV", description = "First revision to print (default: from now).")
  long from;

  @Override
  int run(SynodClient client, Output out) throws InterruptedException {
    if (from < 0) {
      throw new ParameterException(spec.commandLine(), "--from: " + from + " (expected: >= 0)");
    }
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<SynodException> failure = new AtomicReference<>();
    WatchHandle handle = client.watchKv(WatchRequest.newBuilder().setPrefix(KvCommand.utf8(prefix))
        .setStartRevision(from).build(), new WatchListener() {
          @Override
          public void onEvent(WatchEvent event) {
            print(out, event);
          }

          @Override
          public void onError(SynodException error) {
            failure.set(error);
            done.countDown();
          }
        });
    Thread hook = new Thread(() -> {
      handle.close();
      done.countDown();
    }, "synod-watch-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      done.await();
    } finally {
      handle.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running.
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return ExitCodes.OK;
  }

  static void print(Output out, WatchEvent event) {
    if (out.json()) {
      out.json(event);
      return;
    }
    KeyValue kv = event.getKv().getKv();
    boolean delete = event.getKv().getType() == KvEventType.KV_EVENT_DELETE;
    out.line(event.getRevision() + " " + (delete ? "DELETE" : "PUT") + " "
        + Table.printable(kv.getKey().toStringUtf8())
        + (delete ? "" : " " + Table.printable(kv.getValue().toStringUtf8())));
  }
}
