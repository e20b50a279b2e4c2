/**
 * Java SDK for Synod translation nodes: {@link dev.synod.client.SynodClient} reuses one channel per
 * endpoint, applies a deadline to every call, retries idempotent calls (and any call whose connection
 * was refused) with backoff, passes over unreachable endpoints, and sends writes to the Raft leader it
 * last heard about.
 */
package dev.synod.client;
