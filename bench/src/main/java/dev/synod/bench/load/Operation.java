package dev.synod.bench.load;

/** The two operations a workload mixes. */
enum Operation {
  PUT,
  GET
}
