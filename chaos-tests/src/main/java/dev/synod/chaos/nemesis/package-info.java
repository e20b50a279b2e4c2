/**
 * Nemeses: faults injected into a {@link dev.synod.chaos.cluster.DockerCluster}, each with an apply and a heal.
 *
 * <ul>
 *   <li>{@link dev.synod.chaos.nemesis.PartitionNemesis}: iptables grudges inside the containers (isolate one,
 *       random halves, bridge, majorities ring, isolate the leader), computed by the pure {@link
 *       dev.synod.chaos.nemesis.Grudges};
 *   <li>{@link dev.synod.chaos.nemesis.KillNemesis}: SIGKILL and restart (one, a minority, the leader);
 *   <li>{@link dev.synod.chaos.nemesis.PauseNemesis}: {@code docker pause}/{@code unpause} (one, the leader);
 *   <li>{@link dev.synod.chaos.nemesis.ClockNemesis}: libfaketime skew and strobe;
 *   <li>{@link dev.synod.chaos.nemesis.MembershipNemesis}: remove a voter through the admin API, then bring it
 *       back with wiped data so that autopilot re-adds it.
 * </ul>
 *
 * <p>{@link dev.synod.chaos.nemesis.NemesisRunner} alternates quiet periods and faults on a seeded {@link
 * dev.synod.chaos.nemesis.NemesisSchedule}, reports every start and stop to a {@link
 * dev.synod.chaos.nemesis.NemesisListener}, and always heals in a {@code finally}.
 */
package dev.synod.chaos.nemesis;
