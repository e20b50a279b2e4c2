/**
 * Client-side certificate lifecycle: {@link dev.synod.client.tls.CertificateRenewer} obtains and
 * renews a certificate from the cluster's built-in CA and keeps files and live TLS credentials current.
 */
package dev.synod.client.tls;
