package org.driftsim.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import org.driftsim.protocol.v1.DType;
import org.driftsim.protocol.v1.Tensor;

/**
 * Encodes Java arrays as {@link Tensor} messages (shape, dtype, little-endian bytes) and decodes
 * them with validation <em>before</em> anything is allocated.
 *
 * <p>A decoder checks, in this order: the tensor's version; the dtype; the rank; every dimension
 * (≥ 1, except a leading 0 where an empty set is legal, see {@link Rows}); the element count times
 * the element size, computed with {@link Math#multiplyExact}, against the length of the bytes;
 * the expected shape or column count; and, after reading, the values ({@link Values}). Every
 * failure is a {@link WireFormatException} naming the field: "expected X, found Y".
 *
 * <p>An empty matrix ({@code double[0][]}) has no width, so it travels as shape {@code [0, 0]}
 * and is the only legal rank-2 shape with a 0.
 *
 * <pre>{@code
 * Tensor t = Tensors.encode(points);                       // FLOAT64 [N, D]
 * double[][] back = Tensors.decodeMatrix(t, "Query.queries.points",
 *     Tensors.Rows.MAY_BE_EMPTY, d, Tensors.Values.FINITE);
 * }</pre>
 */
public final class Tensors {
  /** The version of the tensor message written and accepted. */
  public static final int VERSION = 1;
  /** Passed as the expected column count when any count is accepted. */
  public static final int ANY_COLUMNS = -1;

  private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

  private Tensors() {}

  /** Whether a tensor's leading dimension may be 0. */
  public enum Rows {
    /** At least one row: every dimension ≥ 1. */
    AT_LEAST_ONE,
    /** An empty set is legal here (an empty query block, an empty shard, no particles). */
    MAY_BE_EMPTY
  }

  /** Which float64 values a tensor may hold (NaN never). */
  public enum Values {
    /** Finite values only: points, drift, weights, sums. */
    FINITE,
    /** Finite values or −∞: log-sum-exp maxima, where −∞ marks an empty slot. */
    FINITE_OR_NEGATIVE_INFINITY
  }

  // ---------------------------------------------------------------- encode

  /**
   * A FLOAT64 {@code [N, D]} tensor of the rows of {@code matrix} ({@code [0, 0]} when empty).
   *
   * @throws WireFormatException if the rows do not all have the first row's length
   */
  public static Tensor encode(double[][] matrix) {
    int rows = matrix.length;
    int columns = rows == 0 ? 0 : matrix[0].length;
    for (int i = 0; i < rows; i++) {
      if (matrix[i].length != columns) {
        throw new WireFormatException("matrix rows must all have the same length: expected "
            + columns + " columns in row " + i + ", found " + matrix[i].length);
      }
    }
    byte[] bytes = new byte[byteCount(Math.multiplyExact((long) rows, columns), Double.BYTES)];
    DoubleBuffer out = ByteBuffer.wrap(bytes).order(ORDER).asDoubleBuffer();
    for (double[] row : matrix) {
      out.put(row);
    }
    return tensor(DType.FLOAT64, bytes, rows, columns);
  }

  /**
   * A FLOAT64 tensor of {@code values} in row-major order with the given shape.
   *
   * @throws WireFormatException if the shape's element count is not {@code values.length}
   */
  public static Tensor encode(double[] values, long... shape) {
    long count = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new WireFormatException("tensor dimensions must be >= 0: expected a shape, found "
            + Arrays.toString(shape));
      }
      count = Math.multiplyExact(count, d);
    }
    if (count != values.length) {
      throw new WireFormatException("tensor values must fill the shape: expected "
          + count + " values for shape " + Arrays.toString(shape) + ", found " + values.length);
    }
    byte[] bytes = new byte[byteCount(values.length, Double.BYTES)];
    ByteBuffer.wrap(bytes).order(ORDER).asDoubleBuffer().put(values);
    return tensor(DType.FLOAT64, bytes, shape);
  }

  /** A FLOAT64 {@code [n]} tensor. */
  public static Tensor encode(double[] vector) {
    return encode(vector, vector.length);
  }

  /** An INT64 {@code [n]} tensor. */
  public static Tensor encode(long[] vector) {
    byte[] bytes = new byte[byteCount(vector.length, Long.BYTES)];
    ByteBuffer.wrap(bytes).order(ORDER).asLongBuffer().put(vector);
    return tensor(DType.INT64, bytes, vector.length);
  }

  private static int byteCount(long count, int elementSize) {
    long bytes = Math.multiplyExact(count, elementSize);
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new WireFormatException("a tensor must fit in one array: expected at most "
          + (Integer.MAX_VALUE - 8) + " bytes, found " + bytes);
    }
    return (int) bytes;
  }

  private static Tensor tensor(DType dtype, byte[] bytes, long... shape) {
    Tensor.Builder b = Tensor.newBuilder().setVersion(VERSION).setDtype(dtype);
    for (long d : shape) {
      b.addShape(d);
    }
    // The array is never written again: protobuf may share it instead of copying.
    return b.setData(UnsafeByteOperations.unsafeWrap(bytes)).build();
  }

  // ---------------------------------------------------------------- decode

  /**
   * Decodes a FLOAT64 {@code [N, D]} tensor into N rows.
   *
   * @param field the field's name for messages, e.g. {@code Query.queries.points}
   * @param rows whether N may be 0 (then the shape must be {@code [0, 0]})
   * @param columns the expected D, or {@link #ANY_COLUMNS}; not checked for an empty matrix
   * @param values which values are legal
   */
  public static double[][] decodeMatrix(Tensor tensor, String field, Rows rows, int columns,
      Values values) {
    long[] shape = header(tensor, field, DType.FLOAT64, 2);
    long n = shape[0];
    long d = shape[1];
    checkLeading(field, n, rows);
    if (n == 0 && d != 0) {
      throw new WireFormatException(field + ": expected shape [0, 0] for an empty matrix, found "
          + Arrays.toString(shape));
    }
    if (n > 0) {
      checkAtLeastOne(field, shape, 1);
    }
    checkBytes(tensor, field, shape, Double.BYTES);
    if (n > 0 && columns != ANY_COLUMNS && d != columns) {
      throw new WireFormatException(field + ": expected " + columns + " columns, found " + d);
    }
    // The byte length matched, so n·d·8 < 2^31: both fit in an int.
    int rowCount = (int) n;
    int columnCount = (int) d;
    DoubleBuffer in = buffer(tensor.getData()).asDoubleBuffer();
    double[][] out = new double[rowCount][columnCount];
    for (int i = 0; i < rowCount; i++) {
      in.get(out[i]);
      for (int k = 0; k < columnCount; k++) {
        checkValue(field, out[i][k], values, shape, (long) i * columnCount + k);
      }
    }
    return out;
  }

  /**
   * Decodes a FLOAT64 tensor of exactly the given shape, row-major, into one array. A 0 in the
   * expected shape is legal (the caller decided an empty set is).
   */
  public static double[] decodeDoubles(Tensor tensor, String field, long[] shape, Values values) {
    long[] found = header(tensor, field, DType.FLOAT64, shape.length);
    checkShape(field, shape, found);
    checkBytes(tensor, field, found, Double.BYTES);
    double[] out = new double[tensor.getData().size() / Double.BYTES];
    buffer(tensor.getData()).asDoubleBuffer().get(out);
    for (int k = 0; k < out.length; k++) {
      checkValue(field, out[k], values, found, k);
    }
    return out;
  }

  /** Decodes an INT64 tensor of shape {@code [length]} ({@code length} may be 0). */
  public static long[] decodeLongs(Tensor tensor, String field, long length) {
    long[] found = header(tensor, field, DType.INT64, 1);
    checkShape(field, new long[] {length}, found);
    checkBytes(tensor, field, found, Long.BYTES);
    long[] out = new long[(int) length];
    LongBuffer in = buffer(tensor.getData()).asLongBuffer();
    in.get(out);
    return out;
  }

  /** Checks version, dtype and rank; returns the shape. */
  private static long[] header(Tensor tensor, String field, DType dtype, int rank) {
    if (tensor.getVersion() != VERSION) {
      throw new WireFormatException(field + ": expected tensor version " + VERSION + ", found "
          + tensor.getVersion());
    }
    if (tensor.getDtype() != dtype) {
      String found = tensor.getDtype() == DType.UNRECOGNIZED
          ? "unknown dtype " + tensor.getDtypeValue() : tensor.getDtype().name();
      throw new WireFormatException(field + ": expected dtype " + dtype + ", found " + found);
    }
    if (tensor.getShapeCount() != rank) {
      throw new WireFormatException(field + ": expected rank " + rank + ", found rank "
          + tensor.getShapeCount());
    }
    long[] shape = new long[rank];
    for (int k = 0; k < rank; k++) {
      shape[k] = tensor.getShape(k);
    }
    return shape;
  }

  private static void checkLeading(String field, long n, Rows rows) {
    long min = rows == Rows.MAY_BE_EMPTY ? 0 : 1;
    if (n < min) {
      throw new WireFormatException(field + ": expected shape[0] >= " + min + ", found " + n);
    }
  }

  private static void checkAtLeastOne(String field, long[] shape, int from) {
    for (int k = from; k < shape.length; k++) {
      if (shape[k] < 1) {
        throw new WireFormatException(
            field + ": expected shape[" + k + "] >= 1, found " + shape[k]);
      }
    }
  }

  private static void checkShape(String field, long[] expected, long[] found) {
    if (!Arrays.equals(expected, found)) {
      throw new WireFormatException(field + ": expected shape " + Arrays.toString(expected)
          + ", found " + Arrays.toString(found));
    }
  }

  /** Element count × element size against the bytes, without overflow. */
  private static void checkBytes(Tensor tensor, String field, long[] shape, int elementSize) {
    long bytes;
    try {
      long count = 1;
      for (long d : shape) {
        count = Math.multiplyExact(count, d);
      }
      bytes = Math.multiplyExact(count, elementSize);
    } catch (ArithmeticException e) {
      throw new WireFormatException(field + ": expected a shape whose size in bytes fits in 64"
          + " bits, found shape " + Arrays.toString(shape) + " of " + tensor.getDtype(), e);
    }
    if (bytes != tensor.getData().size()) {
      throw new WireFormatException(field + ": expected " + bytes + " bytes for shape "
          + Arrays.toString(shape) + " of " + tensor.getDtype() + ", found "
          + tensor.getData().size() + " bytes");
    }
  }

  private static void checkValue(String field, double v, Values values, long[] shape, long flat) {
    if (Double.isFinite(v)
        || (values == Values.FINITE_OR_NEGATIVE_INFINITY && v == Double.NEGATIVE_INFINITY)) {
      return;
    }
    String expected = values == Values.FINITE ? "finite values" : "finite values or -Infinity";
    throw new WireFormatException(field + ": expected " + expected + ", found " + v + " at "
        + Arrays.toString(index(shape, flat)));
  }

  /** The multi-index of a row-major flat index. */
  private static long[] index(long[] shape, long flat) {
    long[] index = new long[shape.length];
    for (int k = shape.length - 1; k >= 0; k--) {
      index[k] = flat % shape[k];
      flat /= shape[k];
    }
    return index;
  }

  private static ByteBuffer buffer(ByteString data) {
    return data.asReadOnlyByteBuffer().order(ORDER);
  }
}
