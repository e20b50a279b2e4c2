/** The {@code synod} operator CLI (picocli): cluster, KV and snapshot commands over the SDK. */
package dev.synod.client.cli;
