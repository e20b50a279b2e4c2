package dev.synod.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.proto.v1.CommandResult;
import dev.synod.proto.v1.LeaseListRequest;
import dev.synod.proto.v1.ListRegistrantsRequest;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.RegistrySnapshot;
import dev.synod.proto.v1.WatchRequest;
import dev.synod.proto.v1.WatchTarget;
import dev.synod.registry.Histories.Step;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** Properties of the state machine over random histories; a failure replays from the seed jqwik reports. */
class RegistryPropertiesTest {
  private static final List<Query> PROBES = List.of(
      Commands.events(0), Commands.events(1), Commands.events(20), Commands.events(60),
      Commands.events(WatchRequest.newBuilder().setTarget(WatchTarget.WATCH_KV)
          .setPrefix(Commands.bytes("p/")).build(), 1, 3),
      Commands.range("", 0, ""), Commands.range("p", 2, "p/1"), Commands.get("a"),
      Query.newBuilder().setLeaseList(LeaseListRequest.getDefaultInstance()).build(),
      Query.newBuilder().setListRegistrants(ListRegistrantsRequest.getDefaultInstance()).build(),
      Commands.aclList(), Commands.signingCa(), Commands.aclLookup(Commands.hash(1)),
      Commands.aclLookup(Commands.hash(2)), Commands.aclLookup(Commands.hash(5)));

  @Provide
  Arbitrary<List<Step>> histories() {
    return Histories.histories(100);
  }

  @Property(tries = 1000)
  void restoringASnapshotAndReplayingTheRestEqualsReplayingEverything(
      @ForAll("histories") List<Step> steps, @ForAll @IntRange(min = 0, max = 1000) int cutSeed) {
    int cut = cutSeed % (steps.size() + 1);
    List<Step> prefix = steps.subList(0, cut);
    List<Step> suffix = steps.subList(cut, steps.size());

    Registry full = new Registry(Limits.tiny());
    List<CommandResult> fullResults = Histories.replay(full, steps);

    Registry before = new Registry(Limits.tiny());
    Histories.replay(before, prefix);
    Registry restored = new Registry(Limits.tiny());
    restored.restore(before.snapshot());
    List<CommandResult> suffixResults = Histories.replay(restored, suffix,
        Histories.indexAfter(prefix), Histories.timeAfter(prefix));

    assertThat(restored.snapshot()).isEqualTo(full.snapshot());
    assertThat(suffixResults).isEqualTo(fullResults.subList(cut, steps.size()));
    // State the snapshot does not show directly (indexes, compaction) must still answer alike.
    for (Query probe : PROBES) {
      assertThat(restored.query(probe)).isEqualTo(full.query(probe));
    }
  }

  @Property(tries = 500)
  void snapshotSurvivesSerializationExactly(@ForAll("histories") List<Step> steps) throws Exception {
    Registry registry = new Registry(Limits.tiny());
    Histories.replay(registry, steps);
    RegistrySnapshot snapshot = registry.snapshot();

    RegistrySnapshot parsed = RegistrySnapshot.parseFrom(snapshot.toByteArray());
    assertThat(parsed).isEqualTo(snapshot);
    Registry copy = new Registry(Limits.tiny());
    copy.restore(parsed);
    assertThat(copy.snapshot()).isEqualTo(snapshot);
    assertThat(copy.revision()).isEqualTo(registry.revision());
  }

  @Property(tries = 500)
  void sameHistoryGivesSameResultsAndState(@ForAll("histories") List<Step> steps) {
    Registry one = new Registry(Limits.tiny());
    Registry two = new Registry(Limits.tiny());
    assertThat(Histories.replay(one, steps)).isEqualTo(Histories.replay(two, steps));
    assertThat(one.snapshot()).isEqualTo(two.snapshot());
    for (Query probe : PROBES) {
      assertThat(one.query(probe)).isEqualTo(two.query(probe));
    }
  }

  @Property(tries = 500)
  void rejectedCommandChangesNothingButTheRevision(@ForAll("histories") List<Step> steps) {
    Registry registry = new Registry(Limits.tiny());
    long index = 0;
    long time = 1_000_000;
    for (Step s : steps) {
      index += s.indexGap();
      time += s.clockDelta();
      RegistrySnapshot before = registry.snapshot();
      CommandResult result = registry.apply(index, s.command().toBuilder().setTimestampMillis(time).build());
      assertThat(result.getRevision()).isEqualTo(index);
      assertThat(registry.revision()).isEqualTo(index);
      // The report shows the mix, so a generator that only produces rejections gets noticed.
      Statistics.label("outcome").collect(result.hasError() ? "error " + result.getError().getCode() : "ok");
      Statistics.label("command").collect(result.hasError() ? "rejected " + result.getError().getField().replaceAll("\\[\\d+\\]", "[i]") : result.getResultCase().name());
      if (result.hasError()) {
        assertThat(registry.snapshot()).isEqualTo(before.toBuilder().setRevision(index).build());
      }
    }
  }

  @Property(tries = 500)
  void invariantsHoldAfterEveryCommand(@ForAll("histories") List<Step> steps) {
    Registry registry = new Registry(Limits.tiny());
    long index = 0;
    long time = 1_000_000;
    long clock = 0;
    for (Step s : steps) {
      index += s.indexGap();
      time += s.clockDelta();
      registry.apply(index, s.command().toBuilder().setTimestampMillis(time).build());
      RegistrySnapshot snap = registry.snapshot();
      // A snapshot the registry produces is always one it accepts back.
      SnapshotValidator.check(snap);
      assertThat(snap.getClockMillis()).isGreaterThanOrEqualTo(clock);
      clock = snap.getClockMillis();
      assertThat(snap.getEventsCount()).isLessThanOrEqualTo(Limits.tiny().eventHistory());
    }
  }
}
