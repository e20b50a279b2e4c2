package dev.synod.chaos.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the container images of the chaos suite exist, building them from local inputs only:
 *
 * <ul>
 *   <li>{@code synod/base:<hash>}: Debian bookworm with a JRE, iptables, iproute2, procps and libfaketime, built
 *       by {@code deploy/base-image.sh} (debootstrap + docker import);
 *   <li>{@code synod/node:<hash>}: the distribution {@code node/target/synod.tar.gz} on top of it, built by {@code
 *       deploy/build-node-image.sh} from {@code deploy/Dockerfile};
 *   <li>{@code synod/node-variant:<hash>}: the node image plus one extra jar in {@code /opt/synod/lib/} ({@link
 *       #withExtraJar(Path)}), for the planted-bug scenario.
 * </ul>
 *
 * <p>Every image is tagged by a hash of its inputs and reused while they do not change. Results are memoized per
 * JVM. The scripts need the {@code docker} CLI and a running daemon; when either is missing the error names the
 * script and quotes its output.
 */
public final class ChaosImages {
  private static final Logger LOG = LoggerFactory.getLogger(ChaosImages.class);
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(15);
  private static final Map<String, String> MEMO = new ConcurrentHashMap<>();

  /** Repository of the planted-bug and other variant images. */
  public static final String VARIANT_REPOSITORY = "synod/node-variant";

  private final Path root;
  private final Path tarball;
  private final Consumer<String> output;

  private ChaosImages(Path root, Path tarball, Consumer<String> output) {
    this.root = root;
    this.tarball = tarball;
    this.output = output;
  }

  /**
   * Finds the project root: the system property {@code synod.root} if set, else the nearest directory at or above
   * the working directory that holds {@code deploy/base-image.sh}.
   */
  public static ChaosImages locate() {
    String property = System.getProperty("synod.root");
    if (property != null && !property.isBlank()) {
      return at(Path.of(property));
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("deploy/base-image.sh"))) {
        return at(d);
      }
    }
    throw new ClusterException("no deploy/base-image.sh at or above " + dir
        + "; run from the Synod checkout or set -Dsynod.root=<checkout>");
  }

  /** Uses the checkout at {@code projectRoot} and its distribution {@code node/target/synod.tar.gz}. */
  public static ChaosImages at(Path projectRoot) {
    Path root = projectRoot.toAbsolutePath().normalize();
    return new ChaosImages(root, root.resolve("node/target/synod.tar.gz"), line -> LOG.info("{}", line));
  }

  /** Uses another distribution tarball. */
  public ChaosImages tarball(Path distribution) {
    return new ChaosImages(root, distribution.toAbsolutePath().normalize(), output);
  }

  /** Where the scripts' output lines go; default: this class's logger at INFO. */
  public ChaosImages output(Consumer<String> sink) {
    return new ChaosImages(root, tarball, Objects.requireNonNull(sink, "sink"));
  }

  public Path projectRoot() {
    return root;
  }

  public Path distributionTarball() {
    return tarball;
  }

  /** True if a Docker daemon answers {@code docker info}. */
  public static boolean dockerAvailable() {
    try {
      return run(List.of("docker", "info", "--format", "{{.ServerVersion}}"), null, Duration.ofSeconds(20))
          .exitCode() == 0;
    } catch (ClusterException e) {
      return false;
    }
  }

  /** Builds or reuses the base image; returns its tag {@code synod/base:<hash>}. */
  public String baseImage() {
    Path script = root.resolve("deploy/base-image.sh");
    return MEMO.computeIfAbsent("base:" + script, k -> runScript(script, List.of()));
  }

  /** Builds or reuses the node image on the base image; returns its tag {@code synod/node:<hash>}. */
  public String nodeImage() {
    if (!Files.isRegularFile(tarball)) {
      throw new ClusterException("distribution " + tarball + " not found; build it first with: cd " + root
          + " && mvn -B -pl node -am package -DskipTests");
    }
    String base = baseImage();
    Path script = root.resolve("deploy/build-node-image.sh");
    String key = "node:" + tarball + ":" + fileStamp(tarball) + ":" + base;
    return MEMO.computeIfAbsent(key,
        k -> runScript(script, List.of("--tarball", tarball.toString(), "--base", base)));
  }

  /**
   * Builds or reuses a variant of the node image with {@code jar} copied into {@code /opt/synod/lib/}, so that
   * the node finds its classes on its class path. Returns the tag {@code synod/node-variant:<hash>}, where the
   * hash covers the node image's id and the jar's name and bytes.
   */
  public String withExtraJar(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new ClusterException("extra jar " + jar + " not found");
    }
    String node = nodeImage();
    String nodeId = run(List.of("docker", "image", "inspect", "-f", "{{.Id}}", node), null, Duration.ofSeconds(30))
        .orThrow("docker image inspect " + node).stdout().strip();
    String name = jar.getFileName().toString();
    String hash;
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(nodeId.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(Files.readAllBytes(jar));
      hash = HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new ClusterException("cannot hash " + jar + ": " + e, e);
    }
    String tag = VARIANT_REPOSITORY + ":" + hash;
    return MEMO.computeIfAbsent("variant:" + tag, k -> buildVariant(node, jar, name, tag));
  }

  private String buildVariant(String node, Path jar, String name, String tag) {
    if (run(List.of("docker", "image", "inspect", tag), null, Duration.ofSeconds(30)).ok()) {
      output.accept("==> " + tag + " exists (inputs unchanged); reusing it");
      return tag;
    }
    Path context = null;
    try {
      context = Files.createTempDirectory("synod-variant");
      Files.copy(jar, context.resolve(name));
      Files.writeString(context.resolve("Dockerfile"),
          "FROM " + node + "\nCOPY " + name + " /opt/synod/lib/" + name + "\n");
      output.accept("==> building " + tag + ": " + node + " + /opt/synod/lib/" + name);
      run(List.of("docker", "build", "-q", "--label", "dev.synod.variant.of=" + node, "-t", tag,
          context.toString()), null, SCRIPT_TIMEOUT).orThrow("docker build of " + tag);
      return tag;
    } catch (IOException e) {
      throw new ClusterException("cannot prepare the build context of " + tag + ": " + e, e);
    } finally {
      deleteTree(context);
    }
  }

  /**
   * Writes a jar holding the given classes (their {@code .class} files, read from the class path), for example a
   * marker class that switches a node into a test-only mode. Returns {@code out}.
   */
  public static Path jarOf(Path out, Class<?>... classes) {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      try (OutputStream file = Files.newOutputStream(out);
          JarOutputStream jar = new JarOutputStream(file)) {
        // Every entry has time 0, so the same classes give the same bytes and the variant image is reused.
        JarEntry mf = new JarEntry(JarFile.MANIFEST_NAME);
        mf.setTime(0L);
        jar.putNextEntry(mf);
        manifest.write(jar);
        jar.closeEntry();
        for (Class<?> c : classes) {
          String resource = c.getName().replace('.', '/') + ".class";
          try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
              throw new ClusterException("class file " + resource + " not found on the class path");
            }
            JarEntry entry = new JarEntry(resource);
            entry.setTime(0L);
            jar.putNextEntry(entry);
            in.transferTo(jar);
            jar.closeEntry();
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new ClusterException("cannot write " + out + ": " + e, e);
    }
  }

  // ---- process plumbing ----

  private String runScript(Path script, List<String> args) {
    if (!Files.isRegularFile(script)) {
      throw new ClusterException("script " + script + " not found");
    }
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(script.toString());
    command.addAll(args);
    long start = System.nanoTime();
    ExecResult r = run(command, output, SCRIPT_TIMEOUT);
    if (!r.ok()) {
      String hint = dockerAvailable() ? ""
          : "\nNo Docker daemon answers `docker info`: install docker.io and start dockerd (see .ci/run).";
      throw new ClusterException(script + " failed with exit code " + r.exitCode() + ". Its output:\n"
          + r.output().strip() + hint);
    }
    String[] lines = r.stdout().strip().split("\n");
    String tag = lines[lines.length - 1].strip();
    if (!tag.matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+")) {
      throw new ClusterException(script + " did not end with an image tag; its output:\n" + r.output());
    }
    output.accept(String.format("%s -> %s (%d ms)", script.getFileName(), tag,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
    return tag;
  }

  /** Runs a command; each output line also goes to {@code lines} if given. */
  static ExecResult run(List<String> command, Consumer<String> lines, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("DOCKER_BUILDKIT", "0");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new ClusterException("cannot run " + String.join(" ", command) + ": " + e.getMessage()
          + (command.get(0).equals("docker") ? " (is the docker CLI installed? apt-get install -y docker.io)" : ""),
          e);
    }
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    Thread o = pump(p.getInputStream(), out, lines);
    Thread e = pump(p.getErrorStream(), err, lines);
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new ClusterException(String.join(" ", command) + " did not finish within " + timeout
            + "; output so far:\n" + out + err);
      }
      o.join();
      e.join();
    } catch (InterruptedException ie) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while running " + String.join(" ", command), ie);
    }
    return new ExecResult(p.exitValue(), out.toString(), err.toString());
  }

  private static Thread pump(InputStream in, StringBuilder sink, Consumer<String> lines) {
    Thread t = new Thread(() -> {
      try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          synchronized (sink) {
            sink.append(line).append('\n');
          }
          if (lines != null) {
            lines.accept(line);
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "chaos-images-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static String fileStamp(Path file) {
    try {
      return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return "?";
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}
