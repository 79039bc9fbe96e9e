/**
 * The compute engine: float32 partial kernel sums on a device, behind the
 * {@link org.driftsim.geometry.field.ShardKernel} interface of the reference core. The only
 * module that touches ND4J.
 *
 * <p>{@link org.driftsim.gpu.ComputeBackend}s (CPU through nd4j-native, CUDA through
 * nd4j-cuda with {@code -Pcuda}) are found with {@link java.util.ServiceLoader}; engines are
 * created by name with {@link org.driftsim.gpu.Engines}: {@code nd4j} (the fastest kernel of the
 * backend: on the CPU a fused Vector API kernel), {@code nd4j-dense} (the straightforward
 * tensor-library baseline) and {@code reference} (float64).
 */
package org.driftsim.gpu;
