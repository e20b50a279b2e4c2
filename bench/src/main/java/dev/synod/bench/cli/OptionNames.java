package dev.synod.bench.cli;

import java.util.Map;

/**
 * Turns a validation message about a setting ({@code keyCount: 0 (expected: ...)}) into one about the
 * flag the user typed ({@code --keys: 0 (expected: ...)}).
 */
final class OptionNames {
  private static final Map<String, String> FLAGS = Map.ofEntries(
      Map.entry("clients", "--clients"), Map.entry("connections", "--connections"),
      Map.entry("keyCount", "--keys"), Map.entry("keyBytes", "--key-bytes"),
      Map.entry("valueBytes", "--value-bytes"), Map.entry("readFraction", "--read-fraction"),
      Map.entry("duration", "--duration"), Map.entry("opCount", "--ops"), Map.entry("warmup", "--warmup"),
      Map.entry("rate", "--rate"), Map.entry("scenarios", "--scenarios"), Map.entry("modes", "--modes"),
      Map.entry("clusterWarmup", "--cluster-warmup"), Map.entry("jitSettleLimit", "--jit-settle-limit"),
      Map.entry("jitSettleRound", "--jit-settle-round"), Map.entry("jitSettleQuietRate", "--jit-quiet-rate"));

  private OptionNames() {}

  static String rewrite(String message) {
    int colon = message.indexOf(':');
    if (colon > 0) {
      String flag = FLAGS.get(message.substring(0, colon));
      if (flag != null) {
        return flag + message.substring(colon);
      }
    }
    return message;
  }
}
