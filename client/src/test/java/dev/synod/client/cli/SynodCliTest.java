package dev.synod.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import dev.synod.client.FakeNode;
import dev.synod.proto.v1.GetResponse;
import dev.synod.proto.v1.MembersResponse;
import dev.synod.proto.v1.WatchEvent;
import dev.synod.proto.v1.WatchResponse;
import dev.synod.proto.v1.KvEvent;
import dev.synod.proto.v1.KvEventType;
import dev.synod.proto.v1.KeyValue;
import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins the CLI's human tables and --json output against a fake node on a loopback port. */
class SynodCliTest {
  private FakeNode node;

  @TempDir
  Path dir;

  @BeforeEach
  void start() throws Exception {
    node = FakeNode.netty();
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  private CliRun run(String... args) {
    String[] all = new String[args.length + 3];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--endpoints";
    all[args.length + 1] = node.address;
    all[args.length + 2] = "--insecure-dev";
    return CliRun.of(all);
  }

  @Test
  void membersPrintsAnAlignedTable() {
    node.leaderId = "node-two";
    CliRun r = run("members");

    assertThat(r.exit()).as(r.toString()).isZero();
    List<String> lines = r.outLines();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("NODE      API             RAFT");
    int api = lines.get(0).indexOf("API");
    int leader = lines.get(0).indexOf("LEADER");
    assertThat(lines.get(1).substring(api)).startsWith("10.0.0.1:7400 ");
    assertThat(lines.get(2).substring(api)).startsWith("10.0.0.22:7400");
    assertThat(lines.get(2).charAt(leader)).isEqualTo('*');
    assertThat(lines.get(1).charAt(leader)).isEqualTo(' ');
    assertThat(lines).allMatch(l -> !l.endsWith(" "));
  }

  @Test
  void membersJsonIsOneParseableObject() throws Exception {
    CliRun r = run("members", "--json");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.outLines()).hasSize(1);
    MembersResponse.Builder parsed = MembersResponse.newBuilder();
    JsonFormat.parser().merge(r.out(), parsed);
    assertThat(parsed.getMembersCount()).isEqualTo(3);
    assertThat(parsed.getMembers(1).getNodeId()).isEqualTo("node-two");
  }

  @Test
  void kvPutGetRangeDeleteRoundTripUtf8() throws Exception {
    assertThat(run("kv", "put", "cfg/név", "wert ✓").out()).isEqualTo("OK (revision 1)\n");
    run("kv", "put", "cfg/b", "2");

    CliRun get = run("kv", "get", "cfg/név");
    assertThat(get.outLines()).containsExactly(
        "KEY      VALUE   MOD_REV  CREATE_REV  VERSION  LEASE",
        "cfg/név  wert ✓  1        1           1");

    CliRun json = run("kv", "get", "cfg/név", "--json");
    GetResponse.Builder parsed = GetResponse.newBuilder();
    JsonFormat.parser().merge(json.out(), parsed);
    assertThat(parsed.getKv().getValue().toStringUtf8()).isEqualTo("wert ✓");

    assertThat(run("kv", "range", "cfg/").outLines()).hasSize(3);
    assertThat(run("kv", "del", "cfg/b").out()).startsWith("deleted 1");
  }

  @Test
  void kvGetOfAMissingKeyExitsNotFound() {
    CliRun r = run("kv", "get", "nope");

    assertThat(r.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.err()).startsWith("error: key 'nope' not found");
  }

  @Test
  void kvCasSucceedsOnTheRightRevisionAndExitsCasFailedOtherwise() {
    assertThat(run("kv", "cas", "k", "0", "v1").exit()).isZero();
    CliRun mismatch = run("kv", "cas", "k", "0", "v2");

    assertThat(mismatch.exit()).isEqualTo(ExitCodes.CAS_FAILED);
    assertThat(mismatch.err()).isEqualTo("error: cas failed: key 'k' is at mod revision 1 (expected: absent)\n");
    assertThat(run("kv", "cas", "k", "1", "v2").out()).isEqualTo("OK (revision 2)\n");
  }

  @Test
  void kvWatchPrintsEventsThenReportsCompaction() {
    node.watchScript = (req, obs) -> {
      if (req.getStartRevision() == 5) {
        obs.onNext(WatchResponse.newBuilder().setCreated(true).build());
        obs.onNext(WatchResponse.newBuilder().addEvents(WatchEvent.newBuilder().setRevision(5)
            .setKv(KvEvent.newBuilder().setType(KvEventType.KV_EVENT_PUT).setKv(KeyValue.newBuilder()
                .setKey(ByteString.copyFromUtf8("a")).setValue(ByteString.copyFromUtf8("1"))))).build());
        obs.onError(io.grpc.Status.UNAVAILABLE.asRuntimeException());
      } else {
        obs.onNext(WatchResponse.newBuilder().setCompactRevision(9).build());
        obs.onCompleted();
      }
    };

    CliRun r = run("kv", "watch", "--from", "5");

    assertThat(r.out()).isEqualTo("5 PUT a 1\n");
    assertThat(r.exit()).isEqualTo(ExitCodes.SERVER_ERROR);
    assertThat(r.err()).contains("error: OUT_OF_RANGE: watch start revision 6 is compacted");
  }

  @Test
  void snapshotSaveAndRestoreThroughFiles() throws Exception {
    node.snapshotData = "registry bytes".getBytes();
    Path file = dir.resolve("s.snap");

    CliRun save = run("snapshot", "save", file.toString());
    assertThat(save.exit()).as(save.toString()).isZero();
    assertThat(save.out()).contains("revision 99").contains("14 bytes");

    CliRun restore = run("snapshot", "restore", file.toString(), "--json");
    assertThat(restore.exit()).as(restore.toString()).isZero();
    assertThat(restore.out()).contains("\"restoredRevision\":\"99\"");

    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(file, bytes);
    CliRun corrupt = run("snapshot", "restore", file.toString());
    assertThat(corrupt.exit()).isEqualTo(ExitCodes.LOCAL_FILE);
    assertThat(corrupt.err()).startsWith("error: DATA_LOSS: snapshot file: sha256 checksum mismatch");
  }

  @Test
  void statusAndAutopilotAndRaftPeersRender() {
    CliRun status = run("status");
    assertThat(status.exit()).as(status.toString()).isZero();
    assertThat(status.outLines().get(0)).contains("COMMIT", "LEADER_COMMIT", "APPLIED");
    assertThat(status.outLines().get(1)).startsWith(node.address).contains("follower").containsPattern("42 +45 +42");

    CliRun autopilot = run("autopilot", "state");
    assertThat(autopilot.outLines().get(0)).isEqualTo("healthy: true, failure tolerance: 1");

    CliRun peers = run("raft", "peers");
    assertThat(peers.out()).contains("term 3, commit index 42");
    assertThat(run("raft", "transfer-leader", "--to", "n2").out()).isEqualTo("leadership transferred to n2\n");
  }
}
