package dev.synod.node;

import dev.synod.node.config.AgentConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The banner an insecure-dev node prints, to the log and to stderr, so nobody runs one by accident. */
final class InsecureDevWarning {
  private static final Logger log = LoggerFactory.getLogger(InsecureDevWarning.class);

  private InsecureDevWarning() {}

  static void print(AgentConfig config) {
    String banner = """

        ************************************************************************
        *  INSECURE-DEV MODE: node %s serves its API, Raft and gossip IN PLAINTEXT
        *  with NO AUTHENTICATION; every caller acts as admin. Never expose it
        *  beyond this machine. Drop --insecure-dev and pass --tls-ca-file,
        *  --tls-cert-file and --tls-key-file (see `synod tls --help`).
        ************************************************************************
        """.formatted(config.nodeId());
    log.warn(banner);
    System.err.println(banner);
  }
}
