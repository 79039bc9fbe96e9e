package org.driftsim.protocol;

import java.lang.reflect.Field;
import org.driftsim.geometry.field.DengCoded;

/**
 * The shape (T, N, D) of {@code deng_coded}'s round-2 and round-3 sums, which the wire needs to
 * rebuild them through {@code RowSums.of} / {@code Sums.of} but which those classes keep private:
 * {@code RowSums} exposes N only and {@code Sums} nothing, and neither T nor N can be recovered
 * from the array lengths (T·N) alone. Until geometry exposes them, they are read reflectively
 * here (geometry is on the class path, not a named module); {@code PartitionSerializationTest}
 * fails if this stops working.
 */
final class SumsShape {
  private static final Field ROW_TEMPERATURES = field(DengCoded.RowSums.class, "temperatures");
  private static final Field SUMS_TEMPERATURES = field(DengCoded.Sums.class, "temperatures");
  private static final Field SUMS_QUERIES = field(DengCoded.Sums.class, "queries");
  private static final Field SUMS_DIMENSION = field(DengCoded.Sums.class, "dimension");

  private SumsShape() {}

  static int temperatures(DengCoded.RowSums sums) {
    return read(ROW_TEMPERATURES, sums);
  }

  static int temperatures(DengCoded.Sums sums) {
    return read(SUMS_TEMPERATURES, sums);
  }

  static int queries(DengCoded.Sums sums) {
    return read(SUMS_QUERIES, sums);
  }

  static int dimension(DengCoded.Sums sums) {
    return read(SUMS_DIMENSION, sums);
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field f = type.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError("cannot read " + type.getName() + "." + name
          + " (the wire needs the sums' shape): " + e);
    }
  }

  private static int read(Field f, Object sums) {
    try {
      return f.getInt(sums);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + f, e);
    }
  }
}
