package dev.synod.membership;

/** How a member looks from one node: reachable, suspected, announced its leave, or gone. */
public enum MemberStatus {
  ALIVE,
  /** Failed a probe and may be failed soon; scalecube 2.7 does not expose suspicion. */
  SUSPECT,
  LEAVING,
  DEAD
}
