package dev.synod.chaos.workload;

import dev.synod.client.SynodClient;
import java.util.List;
import java.util.Random;

/** A kind of client traffic: plans operations from a seeded random source and runs them against the cluster. */
public interface Workload {
  String name();

  /** The next operation for a worker; the worker's own seeded random makes its op stream reproducible. */
  PlannedOp next(Random random, WorkerMemory memory);

  /** Runs one operation; never throws. */
  Outcome execute(SynodClient client, PlannedOp op, WorkerMemory memory);

  /** Operations run once after the faults are healed, e.g. the set's final read of every element. */
  default List<PlannedOp> finalOps() {
    return List.of();
  }
}
