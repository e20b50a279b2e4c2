/**
 * Configuration of {@code synod agent}: the typed {@link dev.synod.node.config.AgentConfig}, the table of
 * settings ({@link dev.synod.node.config.ConfigKey}), loading from YAML, {@code SYNOD_*} variables and flags
 * ({@link dev.synod.node.config.AgentConfigLoader}), and the picocli command
 * ({@link dev.synod.node.config.AgentCommand}).
 */
package dev.synod.node.config;
