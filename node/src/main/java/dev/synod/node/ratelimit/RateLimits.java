package dev.synod.node.ratelimit;

import dev.synod.security.identity.Role;
import java.util.EnumMap;
import java.util.Map;

/**
 * Requests per second that one identity of each role may make; anonymous callers (ACL bootstrap, health
 * probes) have their own, small allowance per peer host. Bursts of one second's worth are allowed.
 */
public record RateLimits(Map<Role, Integer> perRole, int anonymous) {
  public RateLimits {
    perRole = Map.copyOf(new EnumMap<>(perRole));
    for (Role r : Role.values()) {
      Integer v = perRole.get(r);
      if (v == null || v < 1) {
        throw new IllegalArgumentException("rate-limit-" + r.wireName() + ": " + v + " (expected: >= 1)");
      }
    }
    if (anonymous < 1) {
      throw new IllegalArgumentException("rate-limit-anonymous: " + anonymous + " (expected: >= 1)");
    }
  }

  public static RateLimits defaults() {
    Map<Role, Integer> m = new EnumMap<>(Role.class);
    m.put(Role.SERVER, 5000);
    m.put(Role.ADMIN, 2000);
    m.put(Role.OPERATOR, 2000);
    m.put(Role.CLIENT, 1000);
    m.put(Role.EDGE, 10000);
    m.put(Role.FILE_SERVER, 500);
    m.put(Role.WORKER, 500);
    return new RateLimits(m, 20);
  }

  public RateLimits with(Role role, int perSecond) {
    Map<Role, Integer> m = new EnumMap<>(perRole);
    m.put(role, perSecond);
    return new RateLimits(m, anonymous);
  }

  public RateLimits withAnonymous(int perSecond) {
    return new RateLimits(perRole, perSecond);
  }

  public int limitFor(Role roleOrNullForAnonymous) {
    return roleOrNullForAnonymous == null ? anonymous : perRole.get(roleOrNullForAnonymous);
  }
}
