package dev.synod.chaos.workload;

import java.util.HashMap;
import java.util.Map;

/** What one client worker last saw per key, so its CAS operations expect a plausible value. */
public final class WorkerMemory {
  private final Map<String, Long> lastSeen = new HashMap<>();

  public Long lastSeen(String key) {
    return lastSeen.get(key);
  }

  public void saw(String key, Long value) {
    if (value != null) {
      lastSeen.put(key, value);
    }
  }
}
