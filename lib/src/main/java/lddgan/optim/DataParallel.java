package lddgan.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Data-parallel training across devices (the paper trains CelebA-HQ and LSUN on 2 GPUs, Table 10): the global
 * batch is split into one contiguous shard per device, each device computes its shard's loss weighted by
 * shard size / global batch, and the gradients are summed ({@link AdamParameterServer}). Unlike the reference code,
 * whose batch size is per GPU, the batch size here is global.
 *
 * <p>Shards are multiples of 4 where possible, because the discriminator's minibatch-std layer groups samples in
 * fours on each device (as in the reference, where every GPU applies it to its own batch).
 */
public final class DataParallel {
    private DataParallel() {
    }

    /** One device's part of the batch: rows [from, to). */
    public record Shard(Device device, int from, int to) {
        /** Rows in this shard. */
        public int size() {
            return to - from;
        }

        /** This shard's rows of {@code batch} on its device (the batch itself when it is the whole of it). */
        public NDArray of(NDArray batch, NDManager scope) {
            if (from == 0 && to == batch.getShape().get(0) && batch.getDevice().equals(device)) {
                return batch;
            }
            NDArray rows = batch.get(new NDIndex(from + ":" + to));
            NDArray moved = rows.toDevice(device, true);
            rows.attach(scope);
            moved.attach(scope);
            return moved;
        }
    }

    /**
     * Splits a global batch over devices: equal shards in units of 4 samples (the minibatch-std group), the
     * remainder spread one unit at a time over the first devices. A batch smaller than 4 per device uses fewer
     * devices.
     *
     * @throws IllegalArgumentException when the batch is not positive or devices is empty
     */
    public static List<Shard> split(int batch, List<Device> devices) {
        if (batch < 1 || devices.isEmpty()) {
            throw new IllegalArgumentException("cannot split a batch of " + batch + " over " + devices.size() + " devices");
        }
        int unit = batch % 4 == 0 ? 4 : 1;
        int units = batch / unit;
        int used = Math.min(devices.size(), units);
        List<Shard> shards = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < used; i++) {
            int size = (units / used + (i < units % used ? 1 : 0)) * unit;
            shards.add(new Shard(devices.get(i), from, from + size));
            from += size;
        }
        return shards;
    }

    /**
     * The sum of the arrays on the first one's device: the first array itself when it is alone, else a new array in
     * the first one's manager (borrow the arrays into a scope first).
     */
    static NDArray sumOnFirst(NDArray[] arrays) {
        Device target = arrays[0].getDevice();
        NDArray sum = arrays[0];
        for (int i = 1; i < arrays.length; i++) {
            sum = sum.add(arrays[i].toDevice(target, false));
        }
        return sum;
    }
}
