/**
 * SWIM membership among translation nodes: join, leave, member metadata and ordered membership
 * events. {@link dev.synod.membership.ScalecubeMembership} runs it over scalecube-cluster; {@link
 * dev.synod.membership.InMemoryGossipNetwork} is its in-process twin for tests.
 */
package dev.synod.membership;
