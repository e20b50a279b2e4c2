package dev.synod.node.api;

import java.util.function.BooleanSupplier;

/** Facts about the serving node that the status call reports. */
public record NodeFacts(String nodeId, String clusterId, String version, String dataDir, BooleanSupplier serving) {}
