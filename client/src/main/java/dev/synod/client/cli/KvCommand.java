package dev.synod.client.cli;

import com.google.protobuf.ByteString;
import dev.synod.client.SynodClient;
import dev.synod.proto.v1.CasRequest;
import dev.synod.proto.v1.CasResponse;
import dev.synod.proto.v1.DeleteRequest;
import dev.synod.proto.v1.DeleteResponse;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.GetResponse;
import dev.synod.proto.v1.KeyValue;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.PutResponse;
import dev.synod.proto.v1.RangeRequest;
import dev.synod.proto.v1.RangeResponse;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** {@code synod kv ...}: the KV config store. Keys and values are UTF-8 strings on the CLI. */
@Command(name = "kv", description = "KV store commands (keys and values are UTF-8 strings).",
    subcommands = {KvCommand.Get.class, KvCommand.Put.class, KvCommand.Cas.class, KvCommand.Del.class,
        KvCommand.Range.class, KvWatchCommand.class})
final class KvCommand extends GroupCommand {

  static ByteString utf8(String s) {
    return ByteString.copyFromUtf8(s);
  }

  static Table kvTable(List<KeyValue> kvs) {
    Table t = new Table("KEY", "VALUE", "MOD_REV", "CREATE_REV", "VERSION", "LEASE");
    for (KeyValue kv : kvs) {
      t.row(kv.getKey().toStringUtf8(), kv.getValue().toStringUtf8(), kv.getModRevision(),
          kv.getCreateRevision(), kv.getVersion(), kv.getLeaseId() == 0 ? "" : kv.getLeaseId());
    }
    return t;
  }

  @Command(name = "get", description = "Print one key. Exits 5 if it does not exist.")
  static final class Get extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "The key (UTF-8).")
    String key;

    @Override
    int run(SynodClient client, Output out) {
      GetResponse r = client.get(GetRequest.newBuilder().setKey(utf8(key))
          .setConsistency(options.consistency()).build());
      if (out.json()) {
        out.json(r);
      } else if (r.hasKv()) {
        out.table(kvTable(List.of(r.getKv())));
      }
      if (!r.hasKv()) {
        throw new CliFailure(ExitCodes.NOT_FOUND, "key '" + key + "' not found (revision "
            + r.getHeader().getRevision() + ")");
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "put", description = "Set a key.")
  static final class Put extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "The key (UTF-8).")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE", description = "The value (UTF-8).")
    String value;

    @Option(names = "--lease", paramLabel = "ID", description = "Attach the key to this lease.")
    long lease;

    @Override
    int run(SynodClient client, Output out) {
      PutResponse r = client.put(PutRequest.newBuilder().setKey(utf8(key)).setValue(utf8(value))
          .setLeaseId(lease).build());
      if (out.json()) {
        out.json(r);
      } else {
        out.line("OK (revision " + r.getHeader().getRevision() + ")");
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "cas", description = "Set a key only if its mod revision equals EXPECTED_REV"
      + " (0: only if absent). Exits 6 on mismatch.")
  static final class Cas extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "The key (UTF-8).")
    String key;

    @Parameters(index = "1", paramLabel = "EXPECTED_REV",
        description = "Required mod revision of the key; 0 means it must not exist.")
    long expected;

    @Parameters(index = "2", paramLabel = "VALUE", description = "The new value (UTF-8).")
    String value;

    @Override
    int run(SynodClient client, Output out) {
      if (expected < 0) {
        throw new ParameterException(spec.commandLine(),
            "EXPECTED_REV: " + expected + " (expected: >= 0; 0 means the key must not exist)");
      }
      CasResponse r = client.cas(CasRequest.newBuilder().setKey(utf8(key)).setExpectedModRevision(expected)
          .setValue(utf8(value)).build());
      if (out.json()) {
        out.json(r);
      } else if (r.getSucceeded()) {
        out.line("OK (revision " + r.getKv().getModRevision() + ")");
      }
      if (!r.getSucceeded()) {
        String actual = r.hasKv() ? "is at mod revision " + r.getKv().getModRevision() : "does not exist";
        throw new CliFailure(ExitCodes.CAS_FAILED, "cas failed: key '" + key + "' " + actual
            + " (expected: " + (expected == 0 ? "absent" : "mod revision " + expected) + ")");
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "del", description = "Delete a key, or every key under a prefix.")
  static final class Del extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "The key (UTF-8).")
    String key;

    @Option(names = "--prefix", description = "Treat KEY as a prefix.")
    boolean prefix;

    @Override
    int run(SynodClient client, Output out) {
      DeleteResponse r = client.delete(DeleteRequest.newBuilder().setKey(utf8(key)).setPrefix(prefix).build());
      if (out.json()) {
        out.json(r);
      } else {
        out.line("deleted " + r.getDeleted() + " (revision " + r.getHeader().getRevision() + ")");
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "range", description = "List keys under a prefix (all keys if omitted).")
  static final class Range extends ClientCommand {
    @Parameters(index = "0", paramLabel = "PREFIX", arity = "0..1", defaultValue = "",
        description = "Key prefix (default: all keys).")
    String prefix;

    @Option(names = "--limit", paramLabel = "N", description = "At most N keys (0: server default).")
    int limit;

    @Option(names = "--after", paramLabel = "KEY", description = "Only keys after KEY (pagination).")
    String after = "";

    @Option(names = "--keys-only", description = "Omit values.")
    boolean keysOnly;

    @Override
    int run(SynodClient client, Output out) {
      if (limit < 0) {
        throw new ParameterException(spec.commandLine(), "--limit: " + limit + " (expected: >= 0)");
      }
      RangeResponse r = client.range(RangeRequest.newBuilder().setPrefix(utf8(prefix)).setLimit(limit)
          .setAfterKey(utf8(after)).setKeysOnly(keysOnly).setConsistency(options.consistency()).build());
      if (out.json()) {
        out.json(r);
        return ExitCodes.OK;
      }
      out.table(kvTable(r.getKvsList()));
      if (r.getMore() && r.getKvsCount() > 0) {
        out.line("(more keys: continue with --after '"
            + r.getKvs(r.getKvsCount() - 1).getKey().toStringUtf8() + "')");
      }
      return ExitCodes.OK;
    }
  }
}
