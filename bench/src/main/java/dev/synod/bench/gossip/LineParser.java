package dev.synod.bench.gossip;

import java.util.Optional;

/** Reads one system's member output; lines it does not know are empty, not errors. */
@FunctionalInterface
public interface LineParser {
  Optional<ParsedLine> parse(String line);
}
