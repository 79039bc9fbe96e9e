package org.driftsim.actors;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.driftsim.gpu.Backends;
import org.driftsim.gpu.ComputeBackend;
import org.driftsim.gpu.Device;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds each partition's pinned thread to one device of this node: the k-th partition started
 * here gets device k mod (number of devices). On the CPU backend there is one device (all
 * cores), which any number of partitions share without a warning.
 */
public final class DeviceBinding {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceBinding.class);
  private final ComputeBackend backend;
  private final List<Device> devices;
  private final int partitionsPerDevice;
  private final AtomicInteger started = new AtomicInteger();

  /** @param partitionsPerDevice partitions per device before the node is oversubscribed */
  public DeviceBinding(int partitionsPerDevice) {
    this.backend = Backends.current();
    this.devices = backend.devices();
    this.partitionsPerDevice = partitionsPerDevice;
  }

  /** How many partitions have started on this node (restarts included). */
  public int started() {
    return started.get();
  }

  /** Binds the calling thread to the next device and returns it. */
  public Device bindCurrentThread() {
    int k = started.getAndIncrement();
    Device device = devices.get(k % devices.size());
    backend.bindCurrentThread(device);
    if (k == devices.size() * partitionsPerDevice && !backend.name().equals("cpu")) {
      LOG.warn("{} partitions on {} device(s) of backend {}: more than partitions-per-device = {}"
          + " per device", k + 1, devices.size(), backend.name(), partitionsPerDevice);
    }
    return device;
  }
}
