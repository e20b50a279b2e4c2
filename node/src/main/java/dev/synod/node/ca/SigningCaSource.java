package dev.synod.node.ca;

import dev.synod.proto.v1.SigningCa;
import java.util.Optional;

/** Reads the signing CA from this node's replica of the registry. */
@FunctionalInterface
public interface SigningCaSource {
  Optional<SigningCa> current();
}
