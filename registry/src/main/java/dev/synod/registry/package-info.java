/**
 * The replicated domain as a pure, deterministic state machine: {@link dev.synod.registry.Registry}
 * applies committed {@code synod.v1.Command}s and answers {@code synod.v1.Query}s. Time enters only
 * as the leader-stamped {@code Command.timestamp_millis}; nothing here touches a clock, thread, file
 * or socket, so the whole state can be fuzzed and property-tested without a cluster.
 */
package dev.synod.registry;
