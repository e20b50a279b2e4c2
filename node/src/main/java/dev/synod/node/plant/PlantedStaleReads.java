package dev.synod.node.plant;

import dev.synod.proto.v1.ReadConsistency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos suite's planted bug: linearizable reads answered from local state, so a partitioned old leader
 * serves stale data. It exists to prove the checker can fail. It switches on only when the marker class
 * {@value #MARKER} is on the classpath; the distribution never ships it (only the chaos suite's test image
 * adds a jar with it), so no flag, variable or config file of a normal deployment can turn it on.
 */
public final class PlantedStaleReads {
  static final String MARKER = "dev.synod.plant.ServeLinearizableReadsLocally";
  private static final Logger log = LoggerFactory.getLogger(PlantedStaleReads.class);
  private static final boolean PLANTED = markerPresent();

  private PlantedStaleReads() {}

  /** The consistency a read really gets: as requested, unless the planted bug is present. */
  public static ReadConsistency effective(ReadConsistency requested) {
    return PLANTED ? ReadConsistency.STALE : requested;
  }

  public static boolean planted() {
    return PLANTED;
  }

  private static boolean markerPresent() {
    try {
      Class.forName(MARKER, false, PlantedStaleReads.class.getClassLoader());
      log.warn("!!! PLANTED BUG ACTIVE: {} is on the classpath; linearizable reads are served from local state."
          + " This build is for the chaos suite only and is NOT SAFE. !!!", MARKER);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
