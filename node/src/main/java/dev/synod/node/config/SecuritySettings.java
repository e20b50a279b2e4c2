package dev.synod.node.config;

import static dev.synod.node.config.ConfigKey.CA_LEAF_TTL;
import static dev.synod.node.config.ConfigKey.CA_SIGN_RATE;
import static dev.synod.node.config.ConfigKey.INSECURE_DEV;
import static dev.synod.node.config.ConfigKey.TLS_CA_FILE;
import static dev.synod.node.config.ConfigKey.TLS_CA_KEY_FILE;
import static dev.synod.node.config.ConfigKey.TLS_CERT_FILE;
import static dev.synod.node.config.ConfigKey.TLS_KEY_FILE;
import static dev.synod.node.config.ConfigKey.TLS_RELOAD_INTERVAL;

import dev.synod.node.ratelimit.RateLimits;
import dev.synod.security.identity.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The TLS, CA and rate-limit settings, checked together: TLS files are required unless insecure-dev, and
 * insecure-dev refuses TLS files so a half-secured node is never started by mistake.
 */
public record SecuritySettings(boolean insecureDev, Optional<Path> caFile, Optional<Path> certFile,
    Optional<Path> keyFile, Optional<Path> caKeyFile, Duration reloadInterval, Duration leafTtl, int signRate,
    Map<ConfigKey, Integer> rateLimits) {
  private static final Map<ConfigKey, Role> RATE_LIMIT_ROLES = Map.of(
      ConfigKey.RATE_LIMIT_ADMIN, Role.ADMIN, ConfigKey.RATE_LIMIT_OPERATOR, Role.OPERATOR,
      ConfigKey.RATE_LIMIT_CLIENT, Role.CLIENT, ConfigKey.RATE_LIMIT_EDGE, Role.EDGE,
      ConfigKey.RATE_LIMIT_FILE_SERVER, Role.FILE_SERVER, ConfigKey.RATE_LIMIT_WORKER, Role.WORKER,
      ConfigKey.RATE_LIMIT_SERVER, Role.SERVER);

  static SecuritySettings from(AgentConfigBuilder b) {
    boolean insecure = AgentConfig.or(b.insecureDev, INSECURE_DEV, Boolean.class);
    Optional<Path> ca = absolute(b.tlsCaFile);
    Optional<Path> cert = absolute(b.tlsCertFile);
    Optional<Path> key = absolute(b.tlsKeyFile);
    Optional<Path> caKey = absolute(b.tlsCaKeyFile);
    if (insecure) {
      refuseWithInsecureDev(TLS_CA_FILE, ca);
      refuseWithInsecureDev(TLS_CERT_FILE, cert);
      refuseWithInsecureDev(TLS_KEY_FILE, key);
      refuseWithInsecureDev(TLS_CA_KEY_FILE, caKey);
    } else {
      require(TLS_CA_FILE, ca);
      require(TLS_CERT_FILE, cert);
      require(TLS_KEY_FILE, key);
    }
    Duration reload = AgentConfig.or(b.tlsReloadInterval, TLS_RELOAD_INTERVAL, Duration.class);
    within(TLS_RELOAD_INTERVAL, reload, Duration.ofMillis(100), Duration.ofHours(1), "100ms..1h");
    Duration leaf = AgentConfig.or(b.caLeafTtl, CA_LEAF_TTL, Duration.class);
    within(CA_LEAF_TTL, leaf, Duration.ofMinutes(1), Duration.ofDays(365), "1m..365d");
    int signRate = (int) AgentConfig.range(CA_SIGN_RATE, AgentConfig.or(b.caSignRate, CA_SIGN_RATE, Long.class), 1,
        10_000);
    Map<ConfigKey, Integer> limits = new EnumMap<>(ConfigKey.class);
    for (ConfigKey k : ConfigKey.values()) {
      if (k.yamlKey().startsWith("rate-limit-")) {
        Long v = b.rateLimits.containsKey(k) ? b.rateLimits.get(k) : (Long) k.literalDefault().orElseThrow();
        limits.put(k, (int) AgentConfig.range(k, v, 1, 1_000_000));
      }
    }
    return new SecuritySettings(insecure, ca, cert, key, caKey, reload, leaf, signRate, Map.copyOf(limits));
  }

  /** Per-role limits for the rate-limit interceptor. */
  public RateLimits toRateLimits() {
    Map<Role, Integer> perRole = new EnumMap<>(Role.class);
    RATE_LIMIT_ROLES.forEach((key, role) -> perRole.put(role, rateLimits.get(key)));
    return new RateLimits(perRole, rateLimits.get(ConfigKey.RATE_LIMIT_ANONYMOUS));
  }

  Object value(ConfigKey key) {
    return switch (key) {
      case INSECURE_DEV -> insecureDev;
      case TLS_CA_FILE -> caFile;
      case TLS_CERT_FILE -> certFile;
      case TLS_KEY_FILE -> keyFile;
      case TLS_CA_KEY_FILE -> caKeyFile;
      case TLS_RELOAD_INTERVAL -> reloadInterval;
      case CA_LEAF_TTL -> leafTtl;
      case CA_SIGN_RATE -> signRate;
      default -> rateLimits.get(key);
    };
  }

  private static Optional<Path> absolute(Path p) {
    return Optional.ofNullable(p).map(x -> Path.of("").toAbsolutePath().resolve(x).normalize());
  }

  private static void refuseWithInsecureDev(ConfigKey key, Optional<Path> value) {
    if (value.isPresent()) {
      throw ConfigException.invalid(key, value.get(), "no TLS file with insecure-dev; drop insecure-dev to use TLS");
    }
  }

  private static void require(ConfigKey key, Optional<Path> value) {
    if (value.isEmpty()) {
      throw new ConfigException(key.yamlKey() + ": not set (expected: a PEM file in " + key.yamlKey() + ", "
          + key.envVar() + " or " + key.flag() + "; for a plaintext development cluster pass --insecure-dev)", key);
    }
  }

  private static void within(ConfigKey key, Duration v, Duration min, Duration max, String range) {
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw ConfigException.invalid(key, v, range);
    }
  }
}
