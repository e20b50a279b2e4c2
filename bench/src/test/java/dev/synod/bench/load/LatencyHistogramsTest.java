package dev.synod.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

class LatencyHistogramsTest {
  private static final int THREADS = 4;
  private static final int VALUES_PER_THREAD = 20_000;

  /** Thread {@code t}'s values: spread from microseconds to seconds, different on every thread. */
  private static long[] values(int t) {
    SplittableRandom random = new SplittableRandom(t);
    long[] values = new long[VALUES_PER_THREAD];
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) Math.pow(10, random.nextDouble(0, 7)) + t;
    }
    return values;
  }

  @Test
  void mergingPerThreadHistogramsEqualsRecordingAllValuesInOne() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Histogram>> parts = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long[] mine = values(t);
        parts.add(pool.submit(() -> {
          Histogram h = LatencyHistograms.create();
          for (long v : mine) {
            LatencyHistograms.record(h, v);
          }
          return h;
        }));
      }
      List<Histogram> histograms = new ArrayList<>();
      for (Future<Histogram> part : parts) {
        histograms.add(part.get());
      }
      Histogram merged = LatencyHistograms.merge(histograms);

      Histogram single = LatencyHistograms.create();
      for (int t = 0; t < THREADS; t++) {
        for (long v : values(t)) {
          LatencyHistograms.record(single, v);
        }
      }
      assertThat(merged).isEqualTo(single);
      assertThat(merged.getTotalCount()).isEqualTo((long) THREADS * VALUES_PER_THREAD);
      assertThat(LatencySummary.of(merged)).isEqualTo(LatencySummary.of(single));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void intervalsTakenFromARecorderAddUpToEverythingRecorded() {
    Recorder recorder = LatencyHistograms.recorder();
    Histogram single = LatencyHistograms.create();
    List<Histogram> intervals = new ArrayList<>();
    long[] values = values(7);
    for (int i = 0; i < values.length; i++) {
      LatencyHistograms.record(recorder, values[i]);
      LatencyHistograms.record(single, values[i]);
      if (i % 3_000 == 0) {
        intervals.add(recorder.getIntervalHistogram());
      }
    }
    intervals.add(recorder.getIntervalHistogram());
    assertThat(LatencyHistograms.merge(intervals)).isEqualTo(single);
  }

  @Test
  void valuesOutsideTheTrackableRangeAreClampedNotRejected() {
    Histogram h = LatencyHistograms.create();
    LatencyHistograms.record(h, 0);
    LatencyHistograms.record(h, Long.MAX_VALUE);
    assertThat(h.getTotalCount()).isEqualTo(2);
    assertThat(h.getMinValue()).isEqualTo(1);
    assertThat(h.getMaxValue()).isGreaterThanOrEqualTo(LatencyHistograms.HIGHEST_MICROS);
  }

  @Test
  void summaryOfAnEmptyHistogramIsAllZero() {
    assertThat(LatencySummary.of(LatencyHistograms.create())).isEqualTo(new LatencySummary(0, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void summaryReportsPercentilesInMicroseconds() {
    Histogram h = LatencyHistograms.create();
    for (int v = 1; v <= 1000; v++) {
      LatencyHistograms.record(h, v);
    }
    LatencySummary s = LatencySummary.of(h);
    assertThat(s.count()).isEqualTo(1000);
    assertThat(s.p50Micros()).isEqualTo(500);
    assertThat(s.p90Micros()).isEqualTo(900);
    assertThat(s.p99Micros()).isEqualTo(990);
    assertThat(s.p999Micros()).isEqualTo(999);
    assertThat(s.maxMicros()).isEqualTo(1000);
    assertThat(s.toString()).isEqualTo("p50 0.500  p90 0.900  p99 0.990  p99.9 0.999  max 1.000 ms");
  }
}
