/**
 * The cluster's certificates: a {@link dev.synod.security.pki.CertificateAuthority} issuing SPIFFE leaves
 * directly or from a {@link dev.synod.security.pki.Csr}, and {@link dev.synod.security.pki.Pem} for text and files.
 */
package dev.synod.security.pki;
