package dev.synod.chaos.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;

/** The cluster's connection to the Docker daemon, shared by its parts; absent until {@link #connect()}. */
final class DockerDaemon {
  private static final Logger LOG = LoggerFactory.getLogger(DockerDaemon.class);

  private volatile DockerClient client;

  boolean connected() {
    return client != null;
  }

  DockerClient client() {
    return client;
  }

  void connect() {
    try {
      // Testcontainers finds the daemon; its global client() is avoided on purpose: it starts Ryuk and, when the
      // JVM itself runs in a container, resolves the host address by running alpine, and nothing can be pulled.
      client = DockerClientProviderStrategy.getClientForConfig(DockerClientFactory.instance().getTransportConfig());
      client.pingCmd().exec();
    } catch (RuntimeException e) {
      throw new ClusterException("Docker is not available (" + e.getMessage() + "); install docker.io and start"
          + " dockerd (see .ci/run)", e);
    }
  }

  /** Fails with a build hint when {@code image} is not there: nothing is ever pulled. */
  void requireImage(String image) {
    try {
      client.inspectImageCmd(image).exec();
    } catch (NotFoundException e) {
      throw new ClusterException("image " + image + " not found; build it with ChaosImages.nodeImage()"
          + " or deploy/build-node-image.sh", e);
    }
  }

  void close() {
    try {
      client.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing the Docker client: {}", e.toString());
    }
  }
}
