package dev.synod.security.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A JDK SSLServerSocket on loopback that requires client certificates and echoes bytes. */
final class LoopbackTlsServer implements AutoCloseable {
  private static final int TIMEOUT_MILLIS = 10_000;

  final BlockingQueue<X509Certificate> clientCertificates = new LinkedBlockingQueue<>();
  final BlockingQueue<IOException> handshakeFailures = new LinkedBlockingQueue<>();
  /** Errors after a good handshake or while accepting: a client going away, a timeout. */
  final BlockingQueue<IOException> otherErrors = new LinkedBlockingQueue<>();
  private final SSLServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "loopback-tls");
    thread.setDaemon(true);
    return thread;
  });

  LoopbackTlsServer(TlsCredentials credentials) throws IOException {
    server = (SSLServerSocket) TlsCredentials.sslContext(credentials).getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    server.setNeedClientAuth(true);
    threads.execute(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  /** A client connection, handshake done; asks for host name verification, which must be ignored. */
  static SSLSocket connect(TlsCredentials credentials, int port) throws IOException {
    SSLSocket socket = (SSLSocket) TlsCredentials.sslContext(credentials).getSocketFactory()
        .createSocket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  /** Sends one byte and reads the echo. */
  static int echo(SSLSocket socket, int value) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(value);
    out.flush();
    InputStream in = socket.getInputStream();
    return in.read();
  }

  static X509Certificate serverCertificate(SSLSocket socket) throws IOException {
    return (X509Certificate) socket.getSession().getPeerCertificates()[0];
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        SSLSocket socket = (SSLSocket) server.accept();
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        if (!server.isClosed()) {
          otherErrors.add(e);
        }
        return;
      }
    }
  }

  private void serve(SSLSocket socket) {
    try (socket) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      try {
        socket.startHandshake();
      } catch (IOException e) {
        handshakeFailures.add(e);
        return;
      }
      clientCertificates.add((X509Certificate) socket.getSession().getPeerCertificates()[0]);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      for (int b = in.read(); b >= 0; b = in.read()) {
        out.write(b);
        out.flush();
      }
    } catch (IOException e) {
      otherErrors.add(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
