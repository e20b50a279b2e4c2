package dev.synod.bench.jvm;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.synod.bench.compare.JitMeter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads other JVMs' compile time on this machine: the JDK's attach API starts each one's local JMX agent
 * (loopback only, no port), and its compilation MXBean reports the time its compilers have spent so far.
 * Needs a JDK (module {@code jdk.attach}) and the same user as the target processes.
 */
public final class AttachedJitMeter implements JitMeter {
  private final Map<String, CompilationMXBean> beans;
  private final List<JMXConnector> connectors;

  private AttachedJitMeter(Map<String, CompilationMXBean> beans, List<JMXConnector> connectors) {
    this.beans = beans;
    this.connectors = connectors;
  }

  /**
   * Attaches to every process, by member name. On failure closes what it opened and throws an
   * {@link IllegalStateException} naming the member, the pid and the cause.
   */
  public static AttachedJitMeter attach(Map<String, Long> pidsByMember) {
    Map<String, CompilationMXBean> beans = new LinkedHashMap<>();
    List<JMXConnector> connectors = new ArrayList<>();
    try {
      for (Map.Entry<String, Long> member : pidsByMember.entrySet()) {
        JMXConnector connector = connect(member.getKey(), member.getValue());
        connectors.add(connector);
        beans.put(member.getKey(), ManagementFactory.newPlatformMXBeanProxy(connector.getMBeanServerConnection(),
            ManagementFactory.COMPILATION_MXBEAN_NAME, CompilationMXBean.class));
      }
      return new AttachedJitMeter(beans, connectors);
    } catch (IOException | RuntimeException e) {
      new AttachedJitMeter(beans, connectors).close();
      throw e instanceof IllegalStateException ise ? ise
          : new IllegalStateException("cannot read the compile time of " + pidsByMember + ": " + e, e);
    }
  }

  private static JMXConnector connect(String member, long pid) throws IOException {
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(Long.toString(pid));
    } catch (AttachNotSupportedException | IOException e) {
      throw new IllegalStateException(member + " (pid " + pid + "): cannot attach to it as a JVM: " + e.getMessage(),
          e);
    }
    try {
      return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
    } finally {
      vm.detach();
    }
  }

  @Override
  public Map<String, Duration> compileTotals() {
    Map<String, Duration> totals = new LinkedHashMap<>();
    try {
      beans.forEach((member, bean) -> totals.put(member, Duration.ofMillis(bean.getTotalCompilationTime())));
    } catch (UncheckedIOException | UndeclaredThrowableException e) {
      throw new IllegalStateException("lost the JMX connection while reading compile times: " + e.getCause(), e);
    }
    return totals;
  }

  @Override
  public void close() {
    for (JMXConnector connector : connectors) {
      try {
        connector.close();
      } catch (IOException e) {
        // The target may already have exited; its connection is gone either way.
        System.err.println("closing a JMX connection: " + e.getMessage());
      }
    }
  }
}
