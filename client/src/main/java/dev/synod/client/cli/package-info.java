/** The {@code synod} operator CLI (picocli): cluster, KV, snapshot and ACL commands over the SDK, and offline TLS commands. */
package dev.synod.client.cli;
