package dev.synod.bench.jvm;

import java.io.IOException;

/** A child JVM that keeps its JIT busy with fresh work until its stdin closes. */
public final class CompilingChild {
  private CompilingChild() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    System.out.println("ready");
    System.out.flush();
    long sink = 0;
    while (System.in.available() == 0) {
      for (int i = 0; i < 100_000; i++) {
        sink += Long.toString(sink ^ i).hashCode();
      }
      Thread.sleep(5);
    }
    System.out.println(sink);
  }
}
