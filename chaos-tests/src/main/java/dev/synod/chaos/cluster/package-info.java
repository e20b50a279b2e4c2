/**
 * The chaos suite's cluster under test: Synod translation nodes as Docker containers.
 *
 * <ul>
 *   <li>{@link dev.synod.chaos.cluster.ChaosImages} builds (or reuses) the images from Debian's packages and the
 *       distribution, through the scripts in {@code deploy/};
 *   <li>{@link dev.synod.chaos.cluster.DockerCluster} runs 3 to 7 nodes on a Docker network with a fixed subnet,
 *       each at a fixed address with its data on a named volume, and offers the primitives nemeses need: exec,
 *       SIGKILL and restart, pause, data wipe, logs.
 * </ul>
 *
 * <p>No image is ever pulled: everything is built locally. Ryuk is not used; {@link
 * dev.synod.chaos.cluster.DockerCluster#close()} and a JVM shutdown hook remove what a cluster created, and a new
 * cluster removes the leftovers of a crashed run with the same name.
 */
package dev.synod.chaos.cluster;
