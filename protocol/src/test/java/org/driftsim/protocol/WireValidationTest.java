package org.driftsim.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.protocol.v1.DType;
import org.driftsim.protocol.v1.FieldProtos;
import org.driftsim.protocol.v1.PartitionProtos;
import org.driftsim.protocol.v1.SumsProtos;
import org.driftsim.protocol.v1.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bytes that are not a valid message are refused with a message naming the field. */
class WireValidationTest {
  private static ActorTestKit testKit;
  private static DriftsimSerializer serializer;
  private static ActorRef<PartitionReply> replyTo;
  private static Map<Class<?>, WireMessage> samples;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("WireValidationTest");
    serializer = (DriftsimSerializer) SerializationExtension.get(Adapter.toClassic(
        testKit.system())).serializerByIdentity().apply(DriftsimSerializer.IDENTIFIER);
    replyTo = testKit.createTestProbe(PartitionReply.class).ref();
    samples = Samples.golden(replyTo);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static void assertRejected(String manifest, byte[] bytes, String message) {
    WireFormatException e = assertThrows(WireFormatException.class,
        () -> serializer.fromBinary(bytes, manifest));
    assertEquals(message, e.getMessage());
  }

  /** The golden Query (round DENG_SUMS, 4 queries × 3 columns, 2 temperatures) as protobuf. */
  private static PartitionProtos.Query.Builder query() throws Exception {
    return PartitionProtos.Query.parseFrom(
        serializer.toBinary(samples.get(PartitionCommand.Query.class))).toBuilder();
  }

  private static PartitionProtos.Query.Builder withPoints(Tensor.Builder points)
      throws Exception {
    PartitionProtos.Query.Builder q = query();
    q.getQueriesBuilder().setPoints(points);
    return q;
  }

  private static Tensor.Builder points() throws Exception {
    return query().getQueries().getPoints().toBuilder();
  }

  private static byte[] bytes(PartitionProtos.Query.Builder q) {
    return q.build().toByteArray();
  }

  // ---------------------------------------------------------------- bytes and manifests

  @Test
  void garbageBytes() {
    assertRejected("PG1", new byte[] {0x0F, 0x0F, 0x0F},
        "Ping (manifest PG1): expected a protobuf message, found bytes that do not parse: "
            + "Protocol message tag had invalid wire type.");
  }

  @Test
  void truncatedBytes() {
    byte[] whole = serializer.toBinary(samples.get(PartitionCommand.Query.class));
    assertRejected("Q1", Arrays.copyOf(whole, whole.length / 2),
        "Query (manifest Q1): expected a protobuf message, found bytes that do not parse: "
            + "While parsing a protocol message, the input ended unexpectedly in the middle of "
            + "a field.  This could mean either that the input has been truncated or that an "
            + "embedded message misreported its own length.");
  }

  @Test
  void unknownManifest() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> serializer.fromBinary(new byte[0], "XX9"));
    assertEquals("unknown manifest 'XX9' for DriftsimSerializer (id 7301): expected one of "
        + "Q1, LR1, AR1, GP1, AM1, RL1, PG1, PS1, SS1, RS1, DS1, QF1, PT1, AK1, ST1",
        e.getMessage());
  }

  @Test
  void emptyBytesAreAMessageWithoutVersion() {
    assertRejected("PG1", new byte[0], "Ping: expected version 1, found 0");
  }

  @Test
  void notAWireMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> serializer.manifest("text"));
    assertEquals("cannot serialize java.lang.String with DriftsimSerializer: expected a "
        + "org.driftsim.protocol.WireMessage record", e.getMessage());
  }

  // ---------------------------------------------------------------- versions

  @Test
  void wrongVersion() throws Exception {
    byte[] ping = PartitionProtos.Ping.newBuilder().setVersion(2).setJob("j")
        .setReplyTo(replyTo.path().toString()).build().toByteArray();
    assertRejected("PG1", ping, "Ping: expected version 1, found 2");
    PartitionProtos.Query.Builder q = query();
    q.getSpecBuilder().setVersion(0);
    assertRejected("Q1", bytes(q), "Query.spec: expected version 1, found 0");
    assertRejected("Q1", bytes(withPoints(points().setVersion(3))),
        "Query.queries.points: expected tensor version 1, found 3");
  }

  // ---------------------------------------------------------------- tensors

  @Test
  void shapeAndLengthMismatch() throws Exception {
    Tensor.Builder p = points();
    ByteString data = p.getData();
    assertRejected("Q1", bytes(withPoints(p.setData(data.substring(0, data.size() - 1)))),
        "Query.queries.points: expected 96 bytes for shape [4, 3] of FLOAT64, found 95 bytes");
    assertRejected("Q1", bytes(withPoints(points().setShape(0, 3).setShape(1, 4))),
        "Query.queries.points: expected 3 columns, found 4");
    PartitionProtos.Query.Builder q = query();
    q.getQueriesBuilder().setIds(Tensors.encode(new long[] {1, 2, 3}));
    assertRejected("Q1", bytes(q), "Query.queries.ids: expected shape [4], found [3]");
    q = query();
    q.setRowLogSumExp(Tensors.encode(new double[8], 4, 2));
    assertRejected("Q1", bytes(q), "Query.rowLogSumExp: expected shape [2, 4], found [4, 2]");
  }

  @Test
  void elementCountOverflow() throws Exception {
    long big = 1L << 31;
    assertRejected("Q1", bytes(withPoints(points().setShape(0, big).setShape(1, big))),
        "Query.queries.points: expected a shape whose size in bytes fits in 64 bits, found "
            + "shape [2147483648, 2147483648] of FLOAT64");
    // Within 64 bits but far beyond the bytes: refused before anything is allocated.
    assertRejected("Q1", bytes(withPoints(points().setShape(0, 1L << 28).setShape(1, 3))),
        "Query.queries.points: expected 6442450944 bytes for shape [268435456, 3] of FLOAT64,"
            + " found 96 bytes");
  }

  @Test
  void wrongDtypeAndRank() throws Exception {
    assertRejected("Q1", bytes(withPoints(points().setDtype(DType.INT64))),
        "Query.queries.points: expected dtype FLOAT64, found INT64");
    assertRejected("Q1", bytes(withPoints(points().setDtypeValue(9))),
        "Query.queries.points: expected dtype FLOAT64, found unknown dtype 9");
    assertRejected("Q1", bytes(withPoints(points().addShape(1))),
        "Query.queries.points: expected rank 2, found rank 3");
  }

  @Test
  void dimensions() throws Exception {
    assertRejected("Q1", bytes(withPoints(points().setShape(0, -1))),
        "Query.queries.points: expected shape[0] >= 0, found -1");
    assertRejected("Q1", bytes(withPoints(points().setShape(0, 0).setData(ByteString.EMPTY))),
        "Query.queries.points: expected shape [0, 0] for an empty matrix, found [0, 3]");
    assertRejected("Q1", bytes(withPoints(points().setShape(1, 0))),
        "Query.queries.points: expected shape[1] >= 1, found 0");
    WireFormatException e = assertThrows(WireFormatException.class,
        () -> Tensors.decodeMatrix(Tensors.encode(new double[0][]), "x",
            Tensors.Rows.AT_LEAST_ONE, Tensors.ANY_COLUMNS, Tensors.Values.FINITE));
    assertEquals("x: expected shape[0] >= 1, found 0", e.getMessage());
  }

  @Test
  void nonFiniteValues() throws Exception {
    double[][] p = new double[4][3];
    p[1][2] = Double.NaN;
    assertRejected("Q1", bytes(withPoints(Tensors.encode(p).toBuilder())),
        "Query.queries.points: expected finite values, found NaN at [1, 2]");
    p[1][2] = Double.POSITIVE_INFINITY;
    assertRejected("Q1", bytes(withPoints(Tensors.encode(p).toBuilder())),
        "Query.queries.points: expected finite values, found Infinity at [1, 2]");
    p[1][2] = Double.NEGATIVE_INFINITY; // legal in maxima only
    assertRejected("Q1", bytes(withPoints(Tensors.encode(p).toBuilder())),
        "Query.queries.points: expected finite values, found -Infinity at [1, 2]");

    PartitionProtos.PartialSumsReply.Builder r = PartitionProtos.PartialSumsReply.parseFrom(
        serializer.toBinary(samples.get(PartitionReply.PartialSumsReply.class))).toBuilder();
    double[] max = new double[2 * 2 * 3]; // [2, T = 2, N = 3]
    max[5] = Double.POSITIVE_INFINITY;
    r.getPartialsBuilder().setDenominatorMax(Tensors.encode(max, 2, 2, 3));
    assertRejected("PS1", r.build().toByteArray(), "PartialSumsReply.partials.denominatorMax: "
        + "expected finite values or -Infinity, found Infinity at [0, 1, 2]");

    PartitionProtos.ApplyMoves.Builder m = PartitionProtos.ApplyMoves.parseFrom(
        serializer.toBinary(samples.get(PartitionCommand.ApplyMoves.class))).toBuilder();
    assertRejected("AM1", m.setStepCap(Double.NaN).build().toByteArray(),
        "ApplyMoves.stepCap: expected > 0 (Infinity for no cap), found NaN");
    double[][] drift = new double[3][3];
    drift[2][0] = Double.NaN;
    assertRejected("AM1", m.setStepCap(1).setDrift(Tensors.encode(drift)).build().toByteArray(),
        "ApplyMoves.drift: expected finite values, found NaN at [2, 0]");
  }

  @Test
  void partialsShapeFollowsTheirHeader() throws Exception {
    PartitionProtos.PartialSumsReply.Builder r = PartitionProtos.PartialSumsReply.parseFrom(
        serializer.toBinary(samples.get(PartitionReply.PartialSumsReply.class))).toBuilder();
    r.getPartialsBuilder().setDimension(4);
    assertRejected("PS1", r.build().toByteArray(), "PartialSumsReply.partials.numeratorSum: "
        + "expected shape [2, 2, 3, 4], found [2, 2, 3, 3]");
    r.getPartialsBuilder().setDimension(3).setTemperatures(0);
    assertRejected("PS1", r.build().toByteArray(),
        "PartialSumsReply.partials.temperatures: expected >= 1, found 0");
  }

  // ---------------------------------------------------------------- fields

  @Test
  void missingAndEmptyFields() throws Exception {
    assertRejected("Q1", bytes(query().clearSpec()), "Query.spec: expected a value, found none");
    assertRejected("Q1", bytes(query().setReplyTo("")),
        "Query.replyTo: expected an actor path, found an empty string");
    assertRejected("Q1", bytes(query().setReplyTo("not a path")),
        "Query.replyTo: expected an actor path, found 'not a path'");
    PartitionProtos.Query.Builder q = query();
    q.getIdBuilder().setJob("");
    assertRejected("Q1", bytes(q), "Query.id.job: expected a job name, found an empty string");
    assertRejected("Q1", bytes(query().clearScale()),
        "Query.scale: expected a value for round DENG_SUMS, found none");
    q = query();
    q.getIdBuilder().setRound(PartitionProtos.Round.ROUND_PARTIALS);
    assertRejected("Q1", bytes(q), "Query.scale: expected none for round PARTIALS, found a value");
  }

  @Test
  void enumsAndRecordRules() throws Exception {
    PartitionProtos.Query.Builder q = query();
    q.getManifoldBuilder().setGeometryValue(9);
    assertRejected("Q1", bytes(q), "Query.manifold.geometry: expected one of euclidean, sphere,"
        + " hyperboloid, simplex, found unknown value 9");
    q = query();
    q.getManifoldBuilder().setGeometry(FieldProtos.Geometry.GEOMETRY_UNSPECIFIED);
    assertRejected("Q1", bytes(q), "Query.manifold.geometry: expected one of euclidean, sphere,"
        + " hyperboloid, simplex, found GEOMETRY_UNSPECIFIED");
    q = query();
    q.getSpecBuilder().getKernelsBuilder(1).setTau(0);
    assertRejected("Q1", bytes(q), "Query.spec.kernels[1]: tau must be > 0 and finite, got 0.0");
    q = query();
    q.getSpecBuilder().getKernelsBuilder(0).setAlpha(2);
    assertRejected("Q1", bytes(q),
        "Query.spec.kernels[0]: alpha applies only to the rq kernel, got alpha = 2.0 for laplace");
    q = query();
    q.getSpecBuilder().setType(FieldProtos.FieldType.FIELD_TYPE_SHARP).clearKernels()
        .addKernels(FieldProtos.KernelSpec.newBuilder().setVersion(1)
            .setFamily(FieldProtos.KernelFamily.KERNEL_FAMILY_SPECTRAL_HEAT).setTau(1)
            .setLmax(10));
    assertRejected("Q1", bytes(q), "Query.spec: field sharp is not defined for the "
        + "spectral-heat kernel (spectral kernels have no sharp companion); use deng, gradient"
        + " or mmd");
    q = query();
    q.getManifoldBuilder().setGeometry(FieldProtos.Geometry.GEOMETRY_SPHERE).setColumns(1);
    assertRejected("Q1", bytes(q), "Query.manifold: number of columns must be >= 2 for the "
        + "sphere (S^d has d+1 coordinates), got 1");

    PartitionProtos.LoadReferences.Builder l = PartitionProtos.LoadReferences.parseFrom(
        serializer.toBinary(samples.get(PartitionCommand.LoadReferences.class))).toBuilder();
    l.getReferencesBuilder().setWeights(Tensors.encode(new double[] {1, -1, 1, 1, 1}));
    assertRejected("LR1", l.build().toByteArray(),
        "LoadReferences.references: weight 2 must be finite and >= 0, got -1.0");

    byte[] ack = PartitionProtos.Ack.newBuilder().setVersion(1).setJob("j")
        .setKind(PartitionProtos.AckKind.ACK_KIND_MOVED).setStep(-1).build().toByteArray();
    assertRejected("AK1", ack, "Ack.step: expected >= 0, found -1");
    byte[] status = PartitionProtos.Status.newBuilder().setVersion(1).setJob("j")
        .setPartition(-2).build().toByteArray();
    assertRejected("ST1", status, "Status.partition: expected >= 0, found -2");
    SumsProtos.ScaleSums bad = SumsProtos.ScaleSums.newBuilder().setVersion(1)
        .setWeight(Double.NaN).build();
    PartitionProtos.ScaleSumsReply.Builder s = PartitionProtos.ScaleSumsReply.parseFrom(
        serializer.toBinary(samples.get(PartitionReply.ScaleSumsReply.class))).toBuilder();
    assertRejected("SS1", s.setSums(bad).build().toByteArray(),
        "ScaleSumsReply.sums.weight: expected a finite number, found NaN");
  }

  // ---------------------------------------------------------------- encoding

  @Test
  void messagesThatCannotBeEncoded() {
    WireFormatException e = assertThrows(WireFormatException.class,
        () -> serializer.toBinary(new PartitionReply.Particles("j", 0, 0,
            new double[][] {{1, 2, 3}, {4, 5}}, new long[2])));
    assertEquals("Particles.points: matrix rows must all have the same length: expected 3 "
        + "columns in row 1, found 2", e.getMessage());
    e = assertThrows(WireFormatException.class, () -> serializer.toBinary(
        new PartitionCommand.LoadReferences("j", null, ReferenceSet.of(Side.POSITIVE,
            new double[0][]), replyTo)));
    assertEquals("LoadReferences.manifold: expected a value, found null", e.getMessage());
    e = assertThrows(WireFormatException.class,
        () -> serializer.toBinary(new PartitionCommand.Ping("", replyTo)));
    assertEquals("Ping.job: expected a job name, found an empty string", e.getMessage());
    e = assertThrows(WireFormatException.class,
        () -> serializer.toBinary(new PartitionCommand.Release("j", null)));
    assertEquals("Release.replyTo: expected a value, found null", e.getMessage());
  }

  @Test
  void tensorsKeepNegativeInfinityAndBits() {
    double[] v = {Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, 1.5};
    double[] back = Tensors.decodeDoubles(Tensors.encode(v, 2, 2), "x", new long[] {2, 2},
        Tensors.Values.FINITE_OR_NEGATIVE_INFINITY);
    for (int k = 0; k < v.length; k++) {
      assertEquals(Double.doubleToRawLongBits(v[k]), Double.doubleToRawLongBits(back[k]));
    }
    // Little-endian: 1.5 = 0x3FF8000000000000 ends with bytes F8 3F.
    Tensor t = Tensors.encode(new double[] {1.5});
    assertEquals(List.of(0, 0, 0, 0, 0, 0, 0xF8, 0x3F), toList(t.getData().toByteArray()));
    assertEquals(Long.MIN_VALUE, Tensors.decodeLongs(Tensors.encode(new long[] {Long.MIN_VALUE}),
        "ids", 1)[0]);
  }

  private static List<Integer> toList(byte[] bytes) {
    Integer[] out = new Integer[bytes.length];
    for (int k = 0; k < bytes.length; k++) {
      out[k] = bytes[k] & 0xFF;
    }
    return List.of(out);
  }
}
