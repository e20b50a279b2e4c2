/**
 * Java SDK for Synod translation nodes: {@link dev.synod.client.SynodClient} reuses one channel per
 * endpoint, applies a deadline to every call, retries idempotent calls with backoff, and sends
 * writes to the Raft leader it last heard about.
 */
package dev.synod.client;
