package dev.synod.consensus;

import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;

/**
 * Ratis' object-valued settings, which cannot travel in the string-keyed RaftProperties. The same Parameters go to
 * the server and to every RaftClient the node builds, so both ends of every connection agree on TLS.
 */
final class RatisParameters {
  private RatisParameters() {}

  static Parameters of(ConsensusSettings s) {
    Parameters p = new Parameters();
    s.tls().ifPresent(tls -> setMutualTls(p, tls));
    return p;
  }

  /**
   * Ratis 3.2.2's GrpcFactory reads four TLS configs: TLS.conf is the default for the other three, and Server.tlsConf
   * (the Raft port, and the server-to-server appender/vote channels), Client.tlsConf (the client service and the
   * RaftClient's client channel) and Admin.tlsConf (the admin service and the RaftClient's admin channel) override
   * it. All four are set, so no channel falls back to plaintext should a later Ratis stop cascading the default.
   */
  private static void setMutualTls(Parameters p, RaftTls tls) {
    GrpcTlsConfig conf = new GrpcTlsConfig(tls.keyManager(), tls.trustManager(), true);
    GrpcConfigKeys.TLS.setConf(p, conf);
    GrpcConfigKeys.Server.setTlsConf(p, conf);
    GrpcConfigKeys.Client.setTlsConf(p, conf);
    GrpcConfigKeys.Admin.setTlsConf(p, conf);
  }
}
