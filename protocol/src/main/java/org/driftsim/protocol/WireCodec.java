package org.driftsim.protocol;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.driftsim.geometry.Geometry;
import org.driftsim.geometry.field.DengCoded;
import org.driftsim.geometry.field.FieldSpec;
import org.driftsim.geometry.field.FieldType;
import org.driftsim.geometry.field.Partials;
import org.driftsim.geometry.field.QueryBatch;
import org.driftsim.geometry.field.ReferenceSet;
import org.driftsim.geometry.field.Side;
import org.driftsim.geometry.kernel.KernelFamily;
import org.driftsim.geometry.kernel.KernelSpec;
import org.driftsim.protocol.Tensors.Rows;
import org.driftsim.protocol.Tensors.Values;
import org.driftsim.protocol.v1.FieldProtos;
import org.driftsim.protocol.v1.PartitionProtos;
import org.driftsim.protocol.v1.SumsProtos;
import org.driftsim.protocol.v1.Tensor;

/**
 * Converts {@link WireMessage} records to their protobuf form (package {@code driftsim.v1}) and
 * back. Decoding validates everything a receiver relies on and throws
 * {@link WireFormatException} naming the field; the records' own validation (e.g.
 * {@link KernelSpec}'s) is reported the same way, prefixed with the field.
 */
final class WireCodec {
  /** The version every message of {@code driftsim.v1} carries. */
  static final int VERSION = 1;

  /** How ActorRefs travel: the serializer uses {@code ActorRefResolver}. */
  interface Refs {
    String toWire(ActorRef<?> ref);

    <T> ActorRef<T> fromWire(String serialized);
  }

  /** Every wire message: its frozen manifest and record class. */
  enum Kind {
    QUERY("Q1", PartitionCommand.Query.class),
    LOAD_REFERENCES("LR1", PartitionCommand.LoadReferences.class),
    APPEND_REFERENCES("AR1", PartitionCommand.AppendReferences.class),
    GET_PARTICLES("GP1", PartitionCommand.GetParticles.class),
    APPLY_MOVES("AM1", PartitionCommand.ApplyMoves.class),
    RELEASE("RL1", PartitionCommand.Release.class),
    PING("PG1", PartitionCommand.Ping.class),
    PARTIAL_SUMS("PS1", PartitionReply.PartialSumsReply.class),
    SCALE_SUMS("SS1", PartitionReply.ScaleSumsReply.class),
    ROW_SUMS("RS1", PartitionReply.RowSumsReply.class),
    DENG_SUMS("DS1", PartitionReply.DengSumsReply.class),
    QUERY_FAILED("QF1", PartitionReply.QueryFailed.class),
    PARTICLES("PT1", PartitionReply.Particles.class),
    ACK("AK1", PartitionReply.Ack.class),
    STATUS("ST1", PartitionReply.Status.class);

    final String manifest;
    final Class<? extends WireMessage> type;

    Kind(String manifest, Class<? extends WireMessage> type) {
      this.manifest = manifest;
      this.type = type;
    }

    /** The kind of a manifest, or null. */
    static Kind ofManifest(String manifest) {
      for (Kind k : values()) {
        if (k.manifest.equals(manifest)) {
          return k;
        }
      }
      return null;
    }

    /** The kind of a message, or null. */
    static Kind of(Object message) {
      for (Kind k : values()) {
        if (k.type.isInstance(message)) {
          return k;
        }
      }
      return null;
    }

    /** All manifests, comma separated. */
    static String manifests() {
      return Arrays.stream(values()).map(k -> k.manifest).collect(Collectors.joining(", "));
    }
  }

  private final Refs refs;

  WireCodec(Refs refs) {
    this.refs = refs;
  }

  // ================================================================ encode

  /**
   * The protobuf form of a message.
   *
   * @throws WireFormatException if a field is null (other than {@code Query.scale},
   *     {@code Query.rowLogSumExp}), a job name is empty, or a tensor cannot be encoded
   */
  MessageLite encode(WireMessage message) {
    checkComponents(message);
    if (message instanceof PartitionCommand.Query m) {
      PartitionProtos.Query.Builder b = PartitionProtos.Query.newBuilder().setVersion(VERSION)
          .setId(requestId(m.id())).setSpec(fieldSpec(m.spec()))
          .setManifold(manifoldSpec(m.manifold()))
          .setQueries(queryBatch("Query.queries", m.queries()))
          .setReplyTo(ref("Query.replyTo", m.replyTo()));
      if (m.scale() != null) {
        b.setScale(scale(m.scale()));
      }
      if (m.rowLogSumExp() != null) {
        b.setRowLogSumExp(tensor("Query.rowLogSumExp", () -> Tensors.encode(m.rowLogSumExp(),
            m.spec().temperatures(), m.queries().size())));
      }
      return b.build();
    }
    if (message instanceof PartitionCommand.LoadReferences m) {
      return PartitionProtos.LoadReferences.newBuilder().setVersion(VERSION).setJob(m.job())
          .setManifold(manifoldSpec(m.manifold()))
          .setReferences(referenceSet("LoadReferences.references", m.references()))
          .setReplyTo(ref("LoadReferences.replyTo", m.replyTo())).build();
    }
    if (message instanceof PartitionCommand.AppendReferences m) {
      return PartitionProtos.AppendReferences.newBuilder().setVersion(VERSION).setJob(m.job())
          .setReferences(referenceSet("AppendReferences.references", m.references()))
          .setCapacity(m.capacity())
          .setReplyTo(ref("AppendReferences.replyTo", m.replyTo())).build();
    }
    if (message instanceof PartitionCommand.GetParticles m) {
      return PartitionProtos.GetParticles.newBuilder().setVersion(VERSION).setJob(m.job())
          .setStep(m.step()).setReplyTo(ref("GetParticles.replyTo", m.replyTo())).build();
    }
    if (message instanceof PartitionCommand.ApplyMoves m) {
      return PartitionProtos.ApplyMoves.newBuilder().setVersion(VERSION).setJob(m.job())
          .setStep(m.step()).setIds(tensor("ApplyMoves.ids", () -> Tensors.encode(m.ids())))
          .setDrift(tensor("ApplyMoves.drift", () -> Tensors.encode(m.drift())))
          .setEta(m.eta()).setStepCap(m.stepCap())
          .setReplyTo(ref("ApplyMoves.replyTo", m.replyTo())).build();
    }
    if (message instanceof PartitionCommand.Release m) {
      return PartitionProtos.Release.newBuilder().setVersion(VERSION).setJob(m.job())
          .setReplyTo(ref("Release.replyTo", m.replyTo())).build();
    }
    if (message instanceof PartitionCommand.Ping m) {
      return PartitionProtos.Ping.newBuilder().setVersion(VERSION).setJob(m.job())
          .setReplyTo(ref("Ping.replyTo", m.replyTo())).build();
    }
    if (message instanceof PartitionReply.PartialSumsReply m) {
      return PartitionProtos.PartialSumsReply.newBuilder().setVersion(VERSION)
          .setId(requestId(m.id())).setPartition(m.partition())
          .setPartials(partials(m.partials())).build();
    }
    if (message instanceof PartitionReply.ScaleSumsReply m) {
      return PartitionProtos.ScaleSumsReply.newBuilder().setVersion(VERSION)
          .setId(requestId(m.id())).setPartition(m.partition())
          .setSums(SumsProtos.ScaleSums.newBuilder().setVersion(VERSION)
              .setWeightedDistance(m.sums().weightedDistance()).setWeight(m.sums().weight()))
          .build();
    }
    if (message instanceof PartitionReply.RowSumsReply m) {
      DengCoded.RowSums s = m.sums();
      int t = s.temperatures();
      int n = s.queries();
      return PartitionProtos.RowSumsReply.newBuilder().setVersion(VERSION)
          .setId(requestId(m.id())).setPartition(m.partition())
          .setSums(SumsProtos.RowSums.newBuilder().setVersion(VERSION).setTemperatures(t)
              .setQueries(n).setMax(tensor("RowSumsReply.sums.max", () -> Tensors.encode(s.max(), t, n)))
              .setSum(tensor("RowSumsReply.sums.sum", () -> Tensors.encode(s.sum(), t, n))))
          .build();
    }
    if (message instanceof PartitionReply.DengSumsReply m) {
      DengCoded.Sums s = m.sums();
      int t = s.temperatures();
      int n = s.queries();
      int d = s.dimension();
      return PartitionProtos.DengSumsReply.newBuilder().setVersion(VERSION)
          .setId(requestId(m.id())).setPartition(m.partition())
          .setSums(SumsProtos.DengSums.newBuilder().setVersion(VERSION).setTemperatures(t)
              .setQueries(n).setDimension(d)
              .setPositive(Tensors.encode(s.positive(), t, n))
              .setNegative(Tensors.encode(s.negative(), t, n))
              .setPositiveDirection(Tensors.encode(s.positiveDirection(), t, n, d))
              .setNegativeDirection(Tensors.encode(s.negativeDirection(), t, n, d)))
          .build();
    }
    if (message instanceof PartitionReply.QueryFailed m) {
      return PartitionProtos.QueryFailed.newBuilder().setVersion(VERSION)
          .setId(requestId(m.id())).setPartition(m.partition())
          .setMessage(m.message()).build();
    }
    if (message instanceof PartitionReply.Particles m) {
      return PartitionProtos.Particles.newBuilder().setVersion(VERSION).setJob(m.job())
          .setStep(m.step()).setPartition(m.partition())
          .setPoints(tensor("Particles.points", () -> Tensors.encode(m.points())))
          .setIds(tensor("Particles.ids", () -> Tensors.encode(m.ids()))).build();
    }
    if (message instanceof PartitionReply.Ack m) {
      return PartitionProtos.Ack.newBuilder().setVersion(VERSION).setJob(m.job())
          .setPartition(m.partition()).setKind(ackKind(m.kind())).setStep(m.step())
          .setSize(m.size()).build();
    }
    if (message instanceof PartitionReply.Status m) {
      return PartitionProtos.Status.newBuilder().setVersion(VERSION).setJob(m.job())
          .setPartition(m.partition()).setPositives(m.positives()).setNegatives(m.negatives())
          .setAppliedStep(m.appliedStep()).build();
    }
    throw new IllegalArgumentException("no wire form for " + message.getClass().getName());
  }

  /** Nulls and empty job names are refused here, as the decoder would refuse them. */
  private static void checkComponents(WireMessage message) {
    String name = message.getClass().getSimpleName();
    for (RecordComponent c : message.getClass().getRecordComponents()) {
      Object value;
      try {
        value = c.getAccessor().invoke(message);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + name + "." + c.getName(), e);
      }
      boolean optional = message instanceof PartitionCommand.Query
          && (c.getName().equals("scale") || c.getName().equals("rowLogSumExp"));
      if (value == null && !optional) {
        throw new WireFormatException(name + "." + c.getName() + ": expected a value, found null");
      }
      if (c.getName().equals("job") && "".equals(value)) {
        throw new WireFormatException(
            name + ".job: expected a job name, found an empty string");
      }
    }
  }

  /** Encodes a tensor, naming the field if it cannot be. */
  private static Tensor tensor(String field, Supplier<Tensor> encode) {
    try {
      return encode.get();
    } catch (WireFormatException | ArithmeticException e) {
      throw new WireFormatException(field + ": " + e.getMessage(), e);
    }
  }

  private String ref(String field, ActorRef<?> ref) {
    if (ref == null) {
      throw new WireFormatException(field + ": expected an actor ref, found null");
    }
    return refs.toWire(ref);
  }

  private static PartitionProtos.RequestId requestId(RequestId id) {
    return PartitionProtos.RequestId.newBuilder().setVersion(VERSION).setJob(id.job())
        .setStep(id.step()).setRound(round(id.round())).setChunk(id.chunk())
        .setAttempt(id.attempt()).build();
  }

  private static FieldProtos.FieldSpec fieldSpec(FieldSpec spec) {
    FieldProtos.FieldSpec.Builder b = FieldProtos.FieldSpec.newBuilder().setVersion(VERSION)
        .setType(fieldType(spec.type()));
    for (KernelSpec k : spec.kernels()) {
      FieldProtos.KernelSpec.Builder kb = FieldProtos.KernelSpec.newBuilder().setVersion(VERSION)
          .setFamily(kernelFamily(k.family())).setTau(k.tau()).setLmax(k.lmax());
      // The record stands for an absent α / ν by NaN; the wire by an absent field.
      if (!Double.isNaN(k.alpha())) {
        kb.setAlpha(k.alpha());
      }
      if (!Double.isNaN(k.nu())) {
        kb.setNu(k.nu());
      }
      b.addKernels(kb);
    }
    return b.build();
  }

  private static FieldProtos.ManifoldSpec manifoldSpec(ManifoldSpec m) {
    return FieldProtos.ManifoldSpec.newBuilder().setVersion(VERSION)
        .setGeometry(geometry(m.geometry())).setColumns(m.columns())
        .setSequenceLength(m.sequenceLength()).build();
  }

  private static FieldProtos.QueryBatch queryBatch(String f, QueryBatch q) {
    return FieldProtos.QueryBatch.newBuilder().setVersion(VERSION)
        .setPoints(tensor(f + ".points", () -> Tensors.encode(q.points())))
        .setIds(tensor(f + ".ids", () -> Tensors.encode(q.ids()))).build();
  }

  private static FieldProtos.ReferenceSet referenceSet(String f, ReferenceSet r) {
    return FieldProtos.ReferenceSet.newBuilder().setVersion(VERSION).setSide(side(r.side()))
        .setPoints(tensor(f + ".points", () -> Tensors.encode(r.points())))
        .setWeights(tensor(f + ".weights", () -> Tensors.encode(r.weights())))
        .setIds(tensor(f + ".ids", () -> Tensors.encode(r.ids()))).build();
  }

  private static SumsProtos.Scale scale(DengCoded.Scale s) {
    return SumsProtos.Scale.newBuilder().setVersion(VERSION).setMeanDistance(s.meanDistance())
        .setDistanceScale(s.distanceScale()).setFeatureScale(s.featureScale()).build();
  }

  private static SumsProtos.Partials partials(Partials p) {
    long t = p.temperatures();
    long n = p.queries();
    long d = p.dimension();
    return SumsProtos.Partials.newBuilder().setVersion(VERSION).setQueries(p.queries())
        .setTemperatures(p.temperatures()).setDimension(p.dimension())
        .setDenominatorMax(Tensors.encode(p.denominatorMax(), 2, t, n))
        .setDenominatorSum(Tensors.encode(p.denominatorSum(), 2, t, n))
        .setNumeratorMax(Tensors.encode(p.numeratorMax(), 2, t, n))
        .setNumeratorSum(Tensors.encode(p.numeratorSum(), 2, t, n, d)).build();
  }

  // ================================================================ decode

  /** Parses and validates the bytes of a message of the given kind. */
  WireMessage decode(Kind kind, byte[] bytes) {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    // Tensor bytes are views of the input instead of copies (the input is not changed later).
    in.enableAliasing(true);
    try {
      return switch (kind) {
        case QUERY -> query(PartitionProtos.Query.parseFrom(in));
        case LOAD_REFERENCES -> loadReferences(PartitionProtos.LoadReferences.parseFrom(in));
        case APPEND_REFERENCES ->
            appendReferences(PartitionProtos.AppendReferences.parseFrom(in));
        case GET_PARTICLES -> getParticles(PartitionProtos.GetParticles.parseFrom(in));
        case APPLY_MOVES -> applyMoves(PartitionProtos.ApplyMoves.parseFrom(in));
        case RELEASE -> release(PartitionProtos.Release.parseFrom(in));
        case PING -> ping(PartitionProtos.Ping.parseFrom(in));
        case PARTIAL_SUMS -> partialSums(PartitionProtos.PartialSumsReply.parseFrom(in));
        case SCALE_SUMS -> scaleSums(PartitionProtos.ScaleSumsReply.parseFrom(in));
        case ROW_SUMS -> rowSums(PartitionProtos.RowSumsReply.parseFrom(in));
        case DENG_SUMS -> dengSums(PartitionProtos.DengSumsReply.parseFrom(in));
        case QUERY_FAILED -> queryFailed(PartitionProtos.QueryFailed.parseFrom(in));
        case PARTICLES -> particles(PartitionProtos.Particles.parseFrom(in));
        case ACK -> ack(PartitionProtos.Ack.parseFrom(in));
        case STATUS -> status(PartitionProtos.Status.parseFrom(in));
      };
    } catch (InvalidProtocolBufferException e) {
      throw new WireFormatException(kind.type.getSimpleName() + " (manifest " + kind.manifest
          + "): expected a protobuf message, found bytes that do not parse: " + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new WireFormatException(kind.type.getSimpleName() + ": cannot read the bytes", e);
    }
  }

  private PartitionCommand.Query query(PartitionProtos.Query p) {
    String f = "Query";
    version(f, p.getVersion());
    require(f + ".id", p.hasId());
    require(f + ".spec", p.hasSpec());
    require(f + ".manifold", p.hasManifold());
    require(f + ".queries", p.hasQueries());
    RequestId id = requestId(f + ".id", p.getId());
    FieldSpec spec = fieldSpec(f + ".spec", p.getSpec());
    ManifoldSpec manifold = manifoldSpec(f + ".manifold", p.getManifold());
    QueryBatch queries = queryBatch(f + ".queries", p.getQueries(), manifold.columns());
    boolean scaleExpected = id.round() == Round.DENG_ROWS || id.round() == Round.DENG_SUMS;
    presence(f + ".scale", scaleExpected, p.hasScale(), id.round());
    DengCoded.Scale scale = p.hasScale() ? scale(f + ".scale", p.getScale()) : null;
    presence(f + ".rowLogSumExp", id.round() == Round.DENG_SUMS, p.hasRowLogSumExp(), id.round());
    double[] rowLogSumExp = p.hasRowLogSumExp()
        ? Tensors.decodeDoubles(p.getRowLogSumExp(), f + ".rowLogSumExp",
            new long[] {spec.temperatures(), queries.size()}, Values.FINITE_OR_NEGATIVE_INFINITY)
        : null;
    return new PartitionCommand.Query(id, spec, manifold, queries, scale, rowLogSumExp,
        ref(f + ".replyTo", p.getReplyTo()));
  }

  private PartitionCommand.LoadReferences loadReferences(PartitionProtos.LoadReferences p) {
    String f = "LoadReferences";
    version(f, p.getVersion());
    String job = job(f + ".job", p.getJob());
    require(f + ".manifold", p.hasManifold());
    require(f + ".references", p.hasReferences());
    ManifoldSpec manifold = manifoldSpec(f + ".manifold", p.getManifold());
    ReferenceSet references = referenceSet(f + ".references", p.getReferences(),
        manifold.columns());
    return new PartitionCommand.LoadReferences(job, manifold, references,
        ref(f + ".replyTo", p.getReplyTo()));
  }

  private PartitionCommand.AppendReferences appendReferences(
      PartitionProtos.AppendReferences p) {
    String f = "AppendReferences";
    version(f, p.getVersion());
    String job = job(f + ".job", p.getJob());
    require(f + ".references", p.hasReferences());
    ReferenceSet references = referenceSet(f + ".references", p.getReferences(),
        Tensors.ANY_COLUMNS);
    atLeast(f + ".capacity", p.getCapacity(), 1);
    return new PartitionCommand.AppendReferences(job, references, p.getCapacity(),
        ref(f + ".replyTo", p.getReplyTo()));
  }

  private PartitionCommand.GetParticles getParticles(PartitionProtos.GetParticles p) {
    String f = "GetParticles";
    version(f, p.getVersion());
    String job = job(f + ".job", p.getJob());
    atLeast(f + ".step", p.getStep(), 0);
    return new PartitionCommand.GetParticles(job, p.getStep(), ref(f + ".replyTo",
        p.getReplyTo()));
  }

  private PartitionCommand.ApplyMoves applyMoves(PartitionProtos.ApplyMoves p) {
    String f = "ApplyMoves";
    version(f, p.getVersion());
    String job = job(f + ".job", p.getJob());
    atLeast(f + ".step", p.getStep(), 0);
    require(f + ".drift", p.hasDrift());
    require(f + ".ids", p.hasIds());
    double[][] drift = Tensors.decodeMatrix(p.getDrift(), f + ".drift", Rows.MAY_BE_EMPTY,
        Tensors.ANY_COLUMNS, Values.FINITE);
    long[] ids = Tensors.decodeLongs(p.getIds(), f + ".ids", drift.length);
    if (!Double.isFinite(p.getEta())) {
      throw new WireFormatException(f + ".eta: expected a finite number, found " + p.getEta());
    }
    if (!(p.getStepCap() > 0)) {
      throw new WireFormatException(f + ".stepCap: expected > 0 (Infinity for no cap), found "
          + p.getStepCap());
    }
    return new PartitionCommand.ApplyMoves(job, p.getStep(), ids, drift, p.getEta(),
        p.getStepCap(), ref(f + ".replyTo", p.getReplyTo()));
  }

  private PartitionCommand.Release release(PartitionProtos.Release p) {
    String f = "Release";
    version(f, p.getVersion());
    return new PartitionCommand.Release(job(f + ".job", p.getJob()),
        ref(f + ".replyTo", p.getReplyTo()));
  }

  private PartitionCommand.Ping ping(PartitionProtos.Ping p) {
    String f = "Ping";
    version(f, p.getVersion());
    return new PartitionCommand.Ping(job(f + ".job", p.getJob()),
        ref(f + ".replyTo", p.getReplyTo()));
  }

  private PartitionReply.PartialSumsReply partialSums(PartitionProtos.PartialSumsReply p) {
    String f = "PartialSumsReply";
    version(f, p.getVersion());
    require(f + ".id", p.hasId());
    require(f + ".partials", p.hasPartials());
    RequestId id = requestId(f + ".id", p.getId());
    atLeast(f + ".partition", p.getPartition(), 0);
    return new PartitionReply.PartialSumsReply(id, p.getPartition(),
        partials(f + ".partials", p.getPartials()));
  }

  private PartitionReply.ScaleSumsReply scaleSums(PartitionProtos.ScaleSumsReply p) {
    String f = "ScaleSumsReply";
    version(f, p.getVersion());
    require(f + ".id", p.hasId());
    require(f + ".sums", p.hasSums());
    RequestId id = requestId(f + ".id", p.getId());
    atLeast(f + ".partition", p.getPartition(), 0);
    SumsProtos.ScaleSums s = p.getSums();
    version(f + ".sums", s.getVersion());
    finite(f + ".sums.weightedDistance", s.getWeightedDistance());
    finite(f + ".sums.weight", s.getWeight());
    return new PartitionReply.ScaleSumsReply(id, p.getPartition(),
        new DengCoded.ScaleSums(s.getWeightedDistance(), s.getWeight()));
  }

  private PartitionReply.RowSumsReply rowSums(PartitionProtos.RowSumsReply p) {
    String f = "RowSumsReply";
    version(f, p.getVersion());
    require(f + ".id", p.hasId());
    require(f + ".sums", p.hasSums());
    RequestId id = requestId(f + ".id", p.getId());
    atLeast(f + ".partition", p.getPartition(), 0);
    SumsProtos.RowSums s = p.getSums();
    String g = f + ".sums";
    version(g, s.getVersion());
    atLeast(g + ".temperatures", s.getTemperatures(), 1);
    atLeast(g + ".queries", s.getQueries(), 0);
    require(g + ".max", s.hasMax());
    require(g + ".sum", s.hasSum());
    long[] shape = {s.getTemperatures(), s.getQueries()};
    double[] max = Tensors.decodeDoubles(s.getMax(), g + ".max", shape,
        Values.FINITE_OR_NEGATIVE_INFINITY);
    double[] sum = Tensors.decodeDoubles(s.getSum(), g + ".sum", shape, Values.FINITE);
    return new PartitionReply.RowSumsReply(id, p.getPartition(), checked(g,
        () -> DengCoded.RowSums.of(s.getTemperatures(), s.getQueries(), max, sum)));
  }

  private PartitionReply.DengSumsReply dengSums(PartitionProtos.DengSumsReply p) {
    String f = "DengSumsReply";
    version(f, p.getVersion());
    require(f + ".id", p.hasId());
    require(f + ".sums", p.hasSums());
    RequestId id = requestId(f + ".id", p.getId());
    atLeast(f + ".partition", p.getPartition(), 0);
    SumsProtos.DengSums s = p.getSums();
    String g = f + ".sums";
    version(g, s.getVersion());
    atLeast(g + ".temperatures", s.getTemperatures(), 1);
    atLeast(g + ".queries", s.getQueries(), 0);
    atLeast(g + ".dimension", s.getDimension(), 1);
    require(g + ".positive", s.hasPositive());
    require(g + ".negative", s.hasNegative());
    require(g + ".positiveDirection", s.hasPositiveDirection());
    require(g + ".negativeDirection", s.hasNegativeDirection());
    long[] slots = {s.getTemperatures(), s.getQueries()};
    long[] vectors = {s.getTemperatures(), s.getQueries(), s.getDimension()};
    double[] positive = Tensors.decodeDoubles(s.getPositive(), g + ".positive", slots,
        Values.FINITE);
    double[] negative = Tensors.decodeDoubles(s.getNegative(), g + ".negative", slots,
        Values.FINITE);
    double[] positiveDirection = Tensors.decodeDoubles(s.getPositiveDirection(),
        g + ".positiveDirection", vectors, Values.FINITE);
    double[] negativeDirection = Tensors.decodeDoubles(s.getNegativeDirection(),
        g + ".negativeDirection", vectors, Values.FINITE);
    return new PartitionReply.DengSumsReply(id, p.getPartition(), checked(g,
        () -> DengCoded.Sums.of(s.getTemperatures(), s.getQueries(), s.getDimension(), positive,
            negative, positiveDirection, negativeDirection)));
  }

  private PartitionReply.QueryFailed queryFailed(PartitionProtos.QueryFailed p) {
    String f = "QueryFailed";
    version(f, p.getVersion());
    require(f + ".id", p.hasId());
    RequestId id = requestId(f + ".id", p.getId());
    atLeast(f + ".partition", p.getPartition(), 0);
    return new PartitionReply.QueryFailed(id, p.getPartition(), p.getMessage());
  }

  private PartitionReply.Particles particles(PartitionProtos.Particles p) {
    String f = "Particles";
    version(f, p.getVersion());
    String job = job(f + ".job", p.getJob());
    atLeast(f + ".step", p.getStep(), 0);
    atLeast(f + ".partition", p.getPartition(), 0);
    require(f + ".points", p.hasPoints());
    require(f + ".ids", p.hasIds());
    double[][] points = Tensors.decodeMatrix(p.getPoints(), f + ".points", Rows.MAY_BE_EMPTY,
        Tensors.ANY_COLUMNS, Values.FINITE);
    long[] ids = Tensors.decodeLongs(p.getIds(), f + ".ids", points.length);
    return new PartitionReply.Particles(job, p.getStep(), p.getPartition(), points, ids);
  }

  private PartitionReply.Ack ack(PartitionProtos.Ack p) {
    String f = "Ack";
    version(f, p.getVersion());
    String job = job(f + ".job", p.getJob());
    atLeast(f + ".partition", p.getPartition(), 0);
    PartitionReply.AckKind kind = ackKind(f + ".kind", p.getKind(), p.getKindValue());
    atLeast(f + ".step", p.getStep(), kind == PartitionReply.AckKind.MOVED ? 0 : -1);
    atLeast(f + ".size", p.getSize(), 0);
    return new PartitionReply.Ack(job, p.getPartition(), kind, p.getStep(), p.getSize());
  }

  private PartitionReply.Status status(PartitionProtos.Status p) {
    String f = "Status";
    version(f, p.getVersion());
    String job = job(f + ".job", p.getJob());
    atLeast(f + ".partition", p.getPartition(), 0);
    atLeast(f + ".positives", p.getPositives(), 0);
    atLeast(f + ".negatives", p.getNegatives(), 0);
    atLeast(f + ".appliedStep", p.getAppliedStep(), -1);
    return new PartitionReply.Status(job, p.getPartition(), p.getPositives(), p.getNegatives(),
        p.getAppliedStep());
  }

  // ---------------------------------------------------------------- decode: parts

  private static RequestId requestId(String f, PartitionProtos.RequestId p) {
    version(f, p.getVersion());
    String job = job(f + ".job", p.getJob());
    atLeast(f + ".step", p.getStep(), 0);
    atLeast(f + ".chunk", p.getChunk(), 0);
    atLeast(f + ".attempt", p.getAttempt(), 0);
    Round round = round(f + ".round", p.getRound(), p.getRoundValue());
    return new RequestId(job, p.getStep(), round, p.getChunk(), p.getAttempt());
  }

  private static FieldSpec fieldSpec(String f, FieldProtos.FieldSpec p) {
    version(f, p.getVersion());
    FieldType type = fieldType(f + ".type", p.getType(), p.getTypeValue());
    if (p.getKernelsCount() < 1) {
      throw new WireFormatException(f + ".kernels: expected at least 1 kernel, found 0");
    }
    List<KernelSpec> kernels = new ArrayList<>(p.getKernelsCount());
    for (int t = 0; t < p.getKernelsCount(); t++) {
      kernels.add(kernelSpec(f + ".kernels[" + t + "]", p.getKernels(t)));
    }
    return checked(f, () -> new FieldSpec(type, kernels));
  }

  private static KernelSpec kernelSpec(String f, FieldProtos.KernelSpec p) {
    version(f, p.getVersion());
    KernelFamily family = kernelFamily(f + ".family", p.getFamily(), p.getFamilyValue());
    // An absent α / ν is NaN in the record; a NaN sent as present is refused there too.
    if (p.hasAlpha() && Double.isNaN(p.getAlpha())) {
      throw new WireFormatException(f + ".alpha: expected a number, found NaN");
    }
    if (p.hasNu() && Double.isNaN(p.getNu())) {
      throw new WireFormatException(f + ".nu: expected a number, found NaN");
    }
    double alpha = p.hasAlpha() ? p.getAlpha() : Double.NaN;
    double nu = p.hasNu() ? p.getNu() : Double.NaN;
    return checked(f, () -> new KernelSpec(family, p.getTau(), alpha, nu, p.getLmax()));
  }

  private static ManifoldSpec manifoldSpec(String f, FieldProtos.ManifoldSpec p) {
    version(f, p.getVersion());
    Geometry geometry = geometry(f + ".geometry", p.getGeometry(), p.getGeometryValue());
    ManifoldSpec spec = new ManifoldSpec(geometry, p.getColumns(), p.getSequenceLength());
    checked(f, spec::manifold); // the combination must exist
    return spec;
  }

  private static QueryBatch queryBatch(String f, FieldProtos.QueryBatch p, int columns) {
    version(f, p.getVersion());
    require(f + ".points", p.hasPoints());
    require(f + ".ids", p.hasIds());
    double[][] points = Tensors.decodeMatrix(p.getPoints(), f + ".points", Rows.MAY_BE_EMPTY,
        columns, Values.FINITE);
    long[] ids = Tensors.decodeLongs(p.getIds(), f + ".ids", points.length);
    return new QueryBatch(points, ids);
  }

  private static ReferenceSet referenceSet(String f, FieldProtos.ReferenceSet p, int columns) {
    version(f, p.getVersion());
    Side side = side(f + ".side", p.getSide(), p.getSideValue());
    require(f + ".points", p.hasPoints());
    require(f + ".weights", p.hasWeights());
    require(f + ".ids", p.hasIds());
    double[][] points = Tensors.decodeMatrix(p.getPoints(), f + ".points", Rows.MAY_BE_EMPTY,
        columns, Values.FINITE);
    double[] weights = Tensors.decodeDoubles(p.getWeights(), f + ".weights",
        new long[] {points.length}, Values.FINITE);
    long[] ids = Tensors.decodeLongs(p.getIds(), f + ".ids", points.length);
    return checked(f, () -> new ReferenceSet(side, points, weights, ids));
  }

  private static DengCoded.Scale scale(String f, SumsProtos.Scale p) {
    version(f, p.getVersion());
    finite(f + ".meanDistance", p.getMeanDistance());
    finite(f + ".distanceScale", p.getDistanceScale());
    finite(f + ".featureScale", p.getFeatureScale());
    return new DengCoded.Scale(p.getMeanDistance(), p.getDistanceScale(), p.getFeatureScale());
  }

  private static Partials partials(String f, SumsProtos.Partials p) {
    version(f, p.getVersion());
    atLeast(f + ".queries", p.getQueries(), 0);
    atLeast(f + ".temperatures", p.getTemperatures(), 1);
    atLeast(f + ".dimension", p.getDimension(), 1);
    require(f + ".denominatorMax", p.hasDenominatorMax());
    require(f + ".denominatorSum", p.hasDenominatorSum());
    require(f + ".numeratorMax", p.hasNumeratorMax());
    require(f + ".numeratorSum", p.hasNumeratorSum());
    long[] slots = {2, p.getTemperatures(), p.getQueries()};
    long[] vectors = {2, p.getTemperatures(), p.getQueries(), p.getDimension()};
    double[] denominatorMax = Tensors.decodeDoubles(p.getDenominatorMax(),
        f + ".denominatorMax", slots, Values.FINITE_OR_NEGATIVE_INFINITY);
    double[] denominatorSum = Tensors.decodeDoubles(p.getDenominatorSum(),
        f + ".denominatorSum", slots, Values.FINITE);
    double[] numeratorMax = Tensors.decodeDoubles(p.getNumeratorMax(), f + ".numeratorMax",
        slots, Values.FINITE_OR_NEGATIVE_INFINITY);
    double[] numeratorSum = Tensors.decodeDoubles(p.getNumeratorSum(), f + ".numeratorSum",
        vectors, Values.FINITE);
    return checked(f, () -> Partials.of(p.getQueries(), p.getTemperatures(), p.getDimension(),
        denominatorMax, denominatorSum, numeratorMax, numeratorSum));
  }

  private <T> ActorRef<T> ref(String f, String serialized) {
    if (serialized.isEmpty()) {
      throw new WireFormatException(f + ": expected an actor path, found an empty string");
    }
    try {
      org.apache.pekko.actor.ActorPaths.fromString(serialized);
    } catch (Exception e) { // MalformedURLException, thrown undeclared from Scala
      throw new WireFormatException(f + ": expected an actor path, found '" + serialized + "'",
          e);
    }
    return refs.fromWire(serialized);
  }

  // ---------------------------------------------------------------- checks

  private static void version(String f, int version) {
    if (version != VERSION) {
      throw new WireFormatException(f + ": expected version " + VERSION + ", found " + version);
    }
  }

  private static void require(String f, boolean present) {
    if (!present) {
      throw new WireFormatException(f + ": expected a value, found none");
    }
  }

  private static void presence(String f, boolean expected, boolean present, Round round) {
    if (expected != present) {
      throw new WireFormatException(f + ": expected " + (expected ? "a value" : "none")
          + " for round " + round + ", found " + (present ? "a value" : "none"));
    }
  }

  private static String job(String f, String job) {
    if (job.isEmpty()) {
      throw new WireFormatException(f + ": expected a job name, found an empty string");
    }
    return job;
  }

  private static void atLeast(String f, long value, long min) {
    if (value < min) {
      throw new WireFormatException(f + ": expected >= " + min + ", found " + value);
    }
  }

  private static void finite(String f, double value) {
    if (!Double.isFinite(value)) {
      throw new WireFormatException(f + ": expected a finite number, found " + value);
    }
  }

  /** Runs a record's own validation, reporting its failure against the field. */
  private static <T> T checked(String f, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new WireFormatException(f + ": " + e.getMessage(), e);
    }
  }

  private static WireFormatException badEnum(String f, String expected, Enum<?> found,
      int number) {
    return new WireFormatException(f + ": expected one of " + expected + ", found "
        + (found.name().equals("UNRECOGNIZED") ? "unknown value " + number : found.name()));
  }

  // ---------------------------------------------------------------- enums
  // Java → wire by exhaustive switch expressions (a new Java constant fails to compile here);
  // wire → Java refuses UNSPECIFIED and numbers this version does not know.

  private static FieldProtos.Geometry geometry(Geometry g) {
    return switch (g) {
      case EUCLIDEAN -> FieldProtos.Geometry.GEOMETRY_EUCLIDEAN;
      case SPHERE -> FieldProtos.Geometry.GEOMETRY_SPHERE;
      case HYPERBOLOID -> FieldProtos.Geometry.GEOMETRY_HYPERBOLOID;
      case SIMPLEX -> FieldProtos.Geometry.GEOMETRY_SIMPLEX;
    };
  }

  private static Geometry geometry(String f, FieldProtos.Geometry g, int number) {
    return switch (g) {
      case GEOMETRY_EUCLIDEAN -> Geometry.EUCLIDEAN;
      case GEOMETRY_SPHERE -> Geometry.SPHERE;
      case GEOMETRY_HYPERBOLOID -> Geometry.HYPERBOLOID;
      case GEOMETRY_SIMPLEX -> Geometry.SIMPLEX;
      default -> throw badEnum(f, Geometry.names(), g, number);
    };
  }

  private static FieldProtos.FieldType fieldType(FieldType t) {
    return switch (t) {
      case DENG -> FieldProtos.FieldType.FIELD_TYPE_DENG;
      case GRADIENT -> FieldProtos.FieldType.FIELD_TYPE_GRADIENT;
      case SHARP -> FieldProtos.FieldType.FIELD_TYPE_SHARP;
      case MMD -> FieldProtos.FieldType.FIELD_TYPE_MMD;
      case DENG_CODED -> FieldProtos.FieldType.FIELD_TYPE_DENG_CODED;
    };
  }

  private static FieldType fieldType(String f, FieldProtos.FieldType t, int number) {
    return switch (t) {
      case FIELD_TYPE_DENG -> FieldType.DENG;
      case FIELD_TYPE_GRADIENT -> FieldType.GRADIENT;
      case FIELD_TYPE_SHARP -> FieldType.SHARP;
      case FIELD_TYPE_MMD -> FieldType.MMD;
      case FIELD_TYPE_DENG_CODED -> FieldType.DENG_CODED;
      default -> throw badEnum(f, FieldType.names(), t, number);
    };
  }

  private static FieldProtos.KernelFamily kernelFamily(KernelFamily k) {
    return switch (k) {
      case GAUSSIAN -> FieldProtos.KernelFamily.KERNEL_FAMILY_GAUSSIAN;
      case LAPLACE -> FieldProtos.KernelFamily.KERNEL_FAMILY_LAPLACE;
      case MATERN32 -> FieldProtos.KernelFamily.KERNEL_FAMILY_MATERN32;
      case MATERN52 -> FieldProtos.KernelFamily.KERNEL_FAMILY_MATERN52;
      case RQ -> FieldProtos.KernelFamily.KERNEL_FAMILY_RQ;
      case MATERN -> FieldProtos.KernelFamily.KERNEL_FAMILY_MATERN;
      case SPECTRAL_MATERN -> FieldProtos.KernelFamily.KERNEL_FAMILY_SPECTRAL_MATERN;
      case SPECTRAL_HEAT -> FieldProtos.KernelFamily.KERNEL_FAMILY_SPECTRAL_HEAT;
    };
  }

  private static KernelFamily kernelFamily(String f, FieldProtos.KernelFamily k, int number) {
    return switch (k) {
      case KERNEL_FAMILY_GAUSSIAN -> KernelFamily.GAUSSIAN;
      case KERNEL_FAMILY_LAPLACE -> KernelFamily.LAPLACE;
      case KERNEL_FAMILY_MATERN32 -> KernelFamily.MATERN32;
      case KERNEL_FAMILY_MATERN52 -> KernelFamily.MATERN52;
      case KERNEL_FAMILY_RQ -> KernelFamily.RQ;
      case KERNEL_FAMILY_MATERN -> KernelFamily.MATERN;
      case KERNEL_FAMILY_SPECTRAL_MATERN -> KernelFamily.SPECTRAL_MATERN;
      case KERNEL_FAMILY_SPECTRAL_HEAT -> KernelFamily.SPECTRAL_HEAT;
      default -> throw badEnum(f, KernelFamily.names(), k, number);
    };
  }

  private static FieldProtos.Side side(Side s) {
    return switch (s) {
      case POSITIVE -> FieldProtos.Side.SIDE_POSITIVE;
      case NEGATIVE -> FieldProtos.Side.SIDE_NEGATIVE;
    };
  }

  private static Side side(String f, FieldProtos.Side s, int number) {
    return switch (s) {
      case SIDE_POSITIVE -> Side.POSITIVE;
      case SIDE_NEGATIVE -> Side.NEGATIVE;
      default -> throw badEnum(f, "POSITIVE, NEGATIVE", s, number);
    };
  }

  private static PartitionProtos.Round round(Round r) {
    return switch (r) {
      case PARTIALS -> PartitionProtos.Round.ROUND_PARTIALS;
      case DENG_SCALE -> PartitionProtos.Round.ROUND_DENG_SCALE;
      case DENG_ROWS -> PartitionProtos.Round.ROUND_DENG_ROWS;
      case DENG_SUMS -> PartitionProtos.Round.ROUND_DENG_SUMS;
    };
  }

  private static Round round(String f, PartitionProtos.Round r, int number) {
    return switch (r) {
      case ROUND_PARTIALS -> Round.PARTIALS;
      case ROUND_DENG_SCALE -> Round.DENG_SCALE;
      case ROUND_DENG_ROWS -> Round.DENG_ROWS;
      case ROUND_DENG_SUMS -> Round.DENG_SUMS;
      default -> throw badEnum(f, "PARTIALS, DENG_SCALE, DENG_ROWS, DENG_SUMS", r, number);
    };
  }

  private static PartitionProtos.AckKind ackKind(PartitionReply.AckKind k) {
    return switch (k) {
      case LOADED -> PartitionProtos.AckKind.ACK_KIND_LOADED;
      case APPENDED -> PartitionProtos.AckKind.ACK_KIND_APPENDED;
      case MOVED -> PartitionProtos.AckKind.ACK_KIND_MOVED;
      case RELEASED -> PartitionProtos.AckKind.ACK_KIND_RELEASED;
    };
  }

  private static PartitionReply.AckKind ackKind(String f, PartitionProtos.AckKind k,
      int number) {
    return switch (k) {
      case ACK_KIND_LOADED -> PartitionReply.AckKind.LOADED;
      case ACK_KIND_APPENDED -> PartitionReply.AckKind.APPENDED;
      case ACK_KIND_MOVED -> PartitionReply.AckKind.MOVED;
      case ACK_KIND_RELEASED -> PartitionReply.AckKind.RELEASED;
      default -> throw badEnum(f, "LOADED, APPENDED, MOVED, RELEASED", k, number);
    };
  }
}
