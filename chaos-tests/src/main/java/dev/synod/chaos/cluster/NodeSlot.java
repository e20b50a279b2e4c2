package dev.synod.chaos.cluster;

/** One node's fixed identity (id, address, container and volume names) and its current container id. */
final class NodeSlot {
  final String id;
  final String ip;
  final String container;
  final String volume;
  /** Null until the container is created; replaced when {@link NodeContainers#wipe} recreates it. */
  volatile String containerId;

  NodeSlot(String id, String ip, String container, String volume) {
    this.id = id;
    this.ip = ip;
    this.container = container;
    this.volume = volume;
  }
}
