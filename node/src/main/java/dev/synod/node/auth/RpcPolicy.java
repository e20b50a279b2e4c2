package dev.synod.node.auth;

import dev.synod.security.identity.Role;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which roles may call which RPC. Default deny: a method without a rule is refused to everyone, so a new
 * RPC stays closed until someone decides who may call it.
 */
public final class RpcPolicy {
  /** Who may call one method; {@code anonymous} also admits callers without any credential. */
  public record Rule(Set<Role> roles, boolean anonymous) {
    public Rule {
      roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean admits(Identity identity) {
      return identity.anonymous() ? anonymous : roles.contains(identity.role());
    }
  }

  private final Map<String, Rule> rules;

  private RpcPolicy(Map<String, Rule> rules) {
    this.rules = Map.copyOf(rules);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<Rule> rule(String fullMethodName) {
    return Optional.ofNullable(rules.get(fullMethodName));
  }

  public Set<String> methods() {
    return rules.keySet();
  }

  /** Collects rules; declaring the same method twice is a programming error. */
  public static final class Builder {
    private final Map<String, Rule> rules = new HashMap<>();

    public Builder allow(String fullMethodName, Set<Role> roles) {
      return put(fullMethodName, new Rule(roles, false));
    }

    public Builder allowAnonymous(String fullMethodName, Set<Role> roles) {
      return put(fullMethodName, new Rule(roles, true));
    }

    private Builder put(String method, Rule rule) {
      if (rules.putIfAbsent(method, rule) != null) {
        throw new IllegalStateException("two rules for " + method);
      }
      return this;
    }

    public RpcPolicy build() {
      return new RpcPolicy(rules);
    }
  }
}
