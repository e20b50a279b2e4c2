/**
 * Mutual TLS between Synod processes: {@link dev.synod.security.tls.TlsCredentials} holds a swappable
 * identity and a {@link dev.synod.security.tls.PeerTrustManager} that admits peers by CA and
 * {@link dev.synod.security.tls.PeerPolicy} rather than by host name.
 */
package dev.synod.security.tls;
