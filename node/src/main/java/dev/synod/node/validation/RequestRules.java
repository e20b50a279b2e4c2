package dev.synod.node.validation;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The declared limits of every request message, checked before any handler runs. A request type without
 * rules is refused, so a new RPC cannot slip past validation by omission.
 */
public final class RequestRules {
  /** Checks one message; returns the problem (naming field, value and limit) or empty. */
  @FunctionalInterface
  public interface Check<M extends Message> {
    Optional<String> problem(M message);
  }

  private final Map<String, Check<Message>> checks;

  private RequestRules(Map<String, Check<Message>> checks) {
    this.checks = Map.copyOf(checks);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<String> problem(Message request) {
    Check<Message> check = checks.get(request.getDescriptorForType().getFullName());
    if (check == null) {
      return Optional.of(request.getDescriptorForType().getFullName() + " has no declared limits, so it is refused");
    }
    return check.problem(request);
  }

  public boolean covers(Descriptor type) {
    return checks.containsKey(type.getFullName());
  }

  public static final class Builder {
    private final Map<String, Check<Message>> checks = new HashMap<>();

    @SuppressWarnings("unchecked")
    public <M extends Message> Builder rule(M defaultInstance, Check<M> check) {
      String name = defaultInstance.getDescriptorForType().getFullName();
      if (checks.putIfAbsent(name, m -> check.problem((M) m)) != null) {
        throw new IllegalStateException("two rules for " + name);
      }
      return this;
    }

    public RequestRules build() {
      return new RequestRules(checks);
    }
  }
}
