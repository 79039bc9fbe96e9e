package org.driftsim.protocol.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.driftsim.datasets.bank.MemoryBank;
import org.driftsim.gpu.optim.Ema;
import org.driftsim.gpu.optim.Optimizer;

/** Checkpoints for the tests, and a field-by-field, bit-for-bit comparison. */
final class CheckpointSamples {
  private CheckpointSamples() {}

  /** Every field set, with awkward values: −0.0, NaN, subnormals, a chain holding an Adam state. */
  static Checkpoint full(long step) {
    float[] generator = {1.5f, -0.0f, Float.NaN, Float.MIN_VALUE, 3e38f};
    Ema.State ema = new Ema.State(step, new double[] {1.25, -0.0, Double.NaN, Double.MIN_VALUE,
        -7e300});
    Optimizer.State optimizer = new Optimizer.ChainState(new Optimizer.State[] {
        new Optimizer.Stateless(),
        new Optimizer.StepCount(step),
        new Optimizer.AdamState(step, new float[] {0.1f, -0.2f, 0f, 1e-30f, 5f},
            new float[] {0.01f, 0.04f, 0f, 1e-38f, 25f}),
        new Optimizer.ChainState(new Optimizer.State[] {new Optimizer.StepCount(3)})});
    MemoryBank.State bank = new MemoryBank.State(2, 3, 2,
        new double[][] {{1, 2, 3, 4}, {-5.5, 6.25}}, new int[] {2, 1}, new int[] {2, 1},
        new long[] {2, 1});
    MemoryBank.State empty = new MemoryBank.State(1, 4, 3, new double[][] {{}}, new int[] {0},
        new int[] {0}, new long[] {0});
    double[][] particles = {{0.5, -1}, {Math.PI, -0.0}, {1e-310, Double.MAX_VALUE}};
    return new Checkpoint(Checkpoint.FORMAT_VERSION, "0.1.0-SNAPSHOT", step,
        "driftsim { seed = 42, steps = 1000 }\nname = \"r\u00e9sum\u00e9\"\n", generator, ema,
        optimizer, 42L, List.of(bank, empty), particles);
  }

  /** The golden checkpoint of {@code golden/checkpoint-v1.ckpt}: small, every kind of field. */
  static Checkpoint golden() {
    return full(120);
  }

  /** A checkpoint without EMA, banks or particles. */
  static Checkpoint minimal(long step) {
    return new Checkpoint(Checkpoint.FORMAT_VERSION, "0.1.0-SNAPSHOT", step, "", new float[] {
        step}, null, new Optimizer.AdamState(step, new float[] {1}, new float[] {2}), 7L,
        List.of(), null);
  }

  static void assertCheckpointEquals(Checkpoint expected, Checkpoint actual) {
    assertEquals(expected.formatVersion(), actual.formatVersion(), "formatVersion");
    assertEquals(expected.codeVersion(), actual.codeVersion(), "codeVersion");
    assertEquals(expected.step(), actual.step(), "step");
    assertEquals(expected.config(), actual.config(), "config");
    assertBits(expected.generator(), actual.generator(), "generator");
    if (expected.ema() == null) {
      assertNull(actual.ema(), "ema");
    } else {
      assertEquals(expected.ema().step(), actual.ema().step(), "ema.step");
      assertBits(expected.ema().average(), actual.ema().average(), "ema.average");
    }
    assertStateEquals(expected.optimizer(), actual.optimizer(), "optimizer");
    assertEquals(expected.seed(), actual.seed(), "seed");
    assertEquals(expected.banks().size(), actual.banks().size(), "banks.size");
    for (int i = 0; i < expected.banks().size(); i++) {
      MemoryBank.State e = expected.banks().get(i);
      MemoryBank.State a = actual.banks().get(i);
      String name = "banks[" + i + "]";
      assertEquals(e.classes(), a.classes(), name + ".classes");
      assertEquals(e.capacity(), a.capacity(), name + ".capacity");
      assertEquals(e.dimension(), a.dimension(), name + ".dimension");
      assertEquals(e.contents().length, a.contents().length, name + ".contents.length");
      for (int c = 0; c < e.contents().length; c++) {
        assertBits(e.contents()[c], a.contents()[c], name + ".contents[" + c + "]");
      }
      assertArrayEquals(e.writePositions(), a.writePositions(), name + ".writePositions");
      assertArrayEquals(e.counts(), a.counts(), name + ".counts");
      assertArrayEquals(e.pushed(), a.pushed(), name + ".pushed");
    }
    if (expected.particles() == null) {
      assertNull(actual.particles(), "particles");
    } else {
      assertEquals(expected.particles().length, actual.particles().length, "particles.length");
      for (int i = 0; i < expected.particles().length; i++) {
        assertBits(expected.particles()[i], actual.particles()[i], "particles[" + i + "]");
      }
    }
  }

  static void assertStateEquals(Optimizer.State expected, Optimizer.State actual, String name) {
    assertEquals(expected.getClass(), actual.getClass(), name + " class");
    if (expected instanceof Optimizer.StepCount e) {
      assertEquals(e.step(), ((Optimizer.StepCount) actual).step(), name + ".step");
    } else if (expected instanceof Optimizer.AdamState e) {
      Optimizer.AdamState a = assertInstanceOf(Optimizer.AdamState.class, actual);
      assertEquals(e.step(), a.step(), name + ".step");
      assertBits(e.mu(), a.mu(), name + ".mu");
      assertBits(e.nu(), a.nu(), name + ".nu");
    } else if (expected instanceof Optimizer.ChainState e) {
      Optimizer.ChainState a = assertInstanceOf(Optimizer.ChainState.class, actual);
      assertEquals(e.inner().length, a.inner().length, name + ".inner.length");
      for (int i = 0; i < e.inner().length; i++) {
        assertStateEquals(e.inner()[i], a.inner()[i], name + ".inner[" + i + "]");
      }
    }
  }

  static void assertBits(float[] expected, float[] actual, String name) {
    assertEquals(expected.length, actual.length, name + ".length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
          name + "[" + i + "]");
    }
  }

  static void assertBits(double[] expected, double[] actual, String name) {
    assertEquals(expected.length, actual.length, name + ".length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
          name + "[" + i + "]");
    }
  }
}
