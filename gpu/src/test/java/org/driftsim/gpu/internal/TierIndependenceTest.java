package org.driftsim.gpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.driftsim.geometry.Manifold;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.Partials;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelSpec;
import org.junit.jupiter.api.Test;

/**
 * The fused kernel gives the same bits whether its code is interpreted or JIT-compiled: partial
 * sums computed here after warm-up (compiled) equal those of a child JVM run with {@code -Xint}
 * (every Vector API operation through its Java fallback). Resumed jobs and multi-node runs depend
 * on it: a partition restarted in a fresh JVM must reproduce the numbers of the one it replaces.
 */
class TierIndependenceTest {
  /** Configurations that cover each SIMD path: small Euclidean, S², general sphere, H², simplex. */
  static final String[][] CASES = {
      {"R3", "laplace", "GRADIENT"}, {"R3", "gaussian", "SHARP"}, {"R3", "matern52", "MMD"},
      {"S2", "laplace", "GRADIENT"}, {"S2", "rq(alpha=2)", "DENG"}, {"S5", "matern32", "SHARP"},
      {"H2", "laplace", "GRADIENT"}, {"Seq3x3", "rq(alpha=3)", "MMD"}};

  /** One line per case: the case and the bits of every partial-sum entry, hashed. */
  static List<String> digests() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      FusedCpuKernel kernel = new FusedCpuKernel(pool);
      List<String> lines = new ArrayList<>();
      for (String[] c : CASES) {
        Manifold m = TestInputs.manifold(c[0]);
        Random r = new Random(String.join("|", c).hashCode());
        double[][] x = TestInputs.points(m, 20, r);
        double[][] y = TestInputs.points(m, 600, r);
        y[3] = x[3].clone(); // a coincident point
        ReferenceSet refs = new ReferenceSet(Side.POSITIVE, y, TestInputs.weights(600, r),
            TestInputs.noIds(600));
        String k = c[1].contains("(") ? c[1].replace("(", "(tau=0.3, ") : c[1] + "(tau=0.3)";
        FieldSpec spec = FieldSpec.of(FieldType.valueOf(c[2]), KernelSpec.parse(k),
            List.of(0.3, 0.7));
        Partials p = kernel.partials(spec, m, QueryBatch.of(x), kernel.upload(refs, m));
        long h = 17;
        for (double[] a : List.of(p.denominatorMax(), p.denominatorSum(), p.numeratorMax(),
            p.numeratorSum())) {
          h = 31 * h + Arrays.hashCode(a);
        }
        lines.add(String.join(" ", c) + " " + Long.toHexString(h));
      }
      return lines;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The child JVM's entry point: prints the digests. */
  public static void main(String[] args) {
    digests().forEach(System.out::println);
  }

  @Test
  void interpretedAndCompiledCodeGiveTheSameBits() throws IOException, InterruptedException {
    for (int warm = 0; warm < 40; warm++) {
      digests(); // until C2 has compiled the hot loops
    }
    List<String> compiled = digests();

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector",
        "-Xint", "-cp", System.getProperty("java.class.path"),
        TierIndependenceTest.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    byte[] out = child.getInputStream().readAllBytes();
    if (!child.waitFor(5, TimeUnit.MINUTES)) {
      child.destroyForcibly();
      throw new AssertionError("the -Xint child JVM did not finish in 5 minutes");
    }
    assertEquals(0, child.exitValue(), "-Xint child JVM exit code");
    List<String> interpreted = List.of(new String(out, StandardCharsets.UTF_8).strip()
        .split("\n"));
    assertEquals(compiled, interpreted);
  }
}
