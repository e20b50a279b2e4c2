/**
 * Workload identities: {@link dev.synod.security.identity.SpiffeId} ({@code spiffe://<cluster>/<role>/<name>})
 * and the {@link dev.synod.security.identity.Role} it carries, as found in certificates and on the wire.
 */
package dev.synod.security.identity;
