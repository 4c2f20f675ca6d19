package lddgan.interop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor read from a checkpoint: dtype, shape and its elements, contiguous in row-major (C) order and
 * little-endian, whatever stride and storage offset the tensor had in its file. The bytes are kept as stored, so a
 * tensor written out again (safetensors) is bit-identical.
 *
 * @param dtype the element type
 * @param shape the shape (empty for a scalar)
 * @param data the elements, row-major, little-endian, {@code numel * dtype.bytes()} bytes (read-only view)
 */
public record TorchTensor(TorchDtype dtype, long[] shape, ByteBuffer data) {

    /** Checks the byte count against shape and dtype. */
    public TorchTensor {
        shape = shape.clone();
        long n = numel(shape);
        if (data.remaining() != n * dtype.bytes()) {
            throw new IllegalArgumentException("tensor " + dtype + Arrays.toString(shape) + " needs " + n * dtype.bytes()
                    + " bytes, got " + data.remaining());
        }
        data = data.slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A float32 tensor of {@code values} (row-major) and {@code shape}. */
    public static TorchTensor ofFloats(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new TorchTensor(TorchDtype.FLOAT32, shape, b);
    }

    /**
     * The elements of a strided view of a storage, gathered into row-major order: element (i_0, .., i_k) is
     * storage[offset + sum_j i_j stride_j] (PyTorch's {@code as_strided}; NumPy's Fortran order is the strides
     * 1, d_0, d_0 d_1, ...).
     *
     * @param dtype the element type
     * @param storage the storage's elements, little-endian
     * @param storageNumel the storage's element count
     * @param offset the view's first element
     * @param size the view's shape
     * @param stride the view's strides, in elements
     * @throws IllegalArgumentException when the view reaches outside the storage
     */
    public static TorchTensor strided(TorchDtype dtype, ByteBuffer storage, long storageNumel, long offset, long[] size,
            long[] stride) {
        if (size.length != stride.length) {
            throw new IllegalArgumentException("size " + Arrays.toString(size) + " and stride " + Arrays.toString(stride)
                    + " differ in length");
        }
        long numel = numel(size);
        int width = dtype.bytes();
        if (numel > 0) {
            long last = offset;
            for (int d = 0; d < size.length; d++) {
                if (size[d] < 0 || stride[d] < 0) {
                    throw new IllegalArgumentException("negative size or stride " + Arrays.toString(size) + " "
                            + Arrays.toString(stride));
                }
                last += (size[d] - 1) * stride[d];
            }
            if (offset < 0 || last >= storageNumel) {
                throw new IllegalArgumentException("view (offset " + offset + ", size " + Arrays.toString(size)
                        + ", stride " + Arrays.toString(stride) + ") reaches past the storage of " + storageNumel
                        + " elements");
            }
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(numel * width)).order(ByteOrder.LITTLE_ENDIAN);
        if (numel == 0) {
            return new TorchTensor(dtype, size, out);
        }
        boolean contiguous = true;
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                contiguous = false;
            }
            expected *= size[d];
        }
        ByteBuffer src = storage.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (contiguous) {
            src.position(Math.toIntExact(offset * width)).limit(Math.toIntExact((offset + numel) * width));
            out.put(src);
        } else {
            long[] index = new long[size.length];
            byte[] element = new byte[width];
            for (long i = 0; i < numel; i++) {
                long at = offset;
                for (int d = 0; d < size.length; d++) {
                    at += index[d] * stride[d];
                }
                src.position(Math.toIntExact(at * width));
                src.get(element);
                out.put(element);
                for (int d = size.length - 1; d >= 0; d--) {
                    if (++index[d] < size[d]) {
                        break;
                    }
                    index[d] = 0;
                }
            }
        }
        out.flip();
        return new TorchTensor(dtype, size, out);
    }

    /** The tensor as an array of {@code manager} in its own dtype. */
    public NDArray toNDArray(NDManager manager) {
        ByteBuffer direct = ByteBuffer.allocateDirect(data.remaining()).order(ByteOrder.nativeOrder());
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("big-endian hosts are not supported");
        }
        direct.put(data.duplicate());
        direct.flip();
        return manager.create(direct, djlShape(), dtype.djlType());
    }

    /** The element count of a shape. */
    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The number of elements. */
    public long numel() {
        return numel(shape);
    }

    /** The shape as a DJL shape. */
    public Shape djlShape() {
        return new Shape(shape);
    }

    /** The shape written like the manifests, {@code 128x4x3x3} ({@code scalar} for no dimensions). */
    public String shapeText() {
        return shapeText(shape);
    }

    /** A shape written {@code 128x4x3x3}. */
    public static String shapeText(long[] shape) {
        if (shape.length == 0) {
            return "scalar";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : "x").append(shape[i]);
        }
        return s.toString();
    }

    /** The raw bytes, a fresh copy. */
    public byte[] bytes() {
        byte[] out = new byte[data.remaining()];
        data.duplicate().get(out);
        return out;
    }

    /** Element {@code i} (row-major) as a double, converting from the dtype (bool: 0 or 1). */
    public double getDouble(long i) {
        int at = Math.toIntExact(i * dtype.bytes());
        return switch (dtype) {
            case FLOAT32 -> data.getFloat(at);
            case FLOAT64 -> data.getDouble(at);
            case FLOAT16 -> halfToFloat(data.getShort(at));
            case BFLOAT16 -> Float.intBitsToFloat((data.getShort(at) & 0xffff) << 16);
            case INT64 -> data.getLong(at);
            case INT32 -> data.getInt(at);
            case INT16 -> data.getShort(at);
            case INT8 -> data.get(at);
            case UINT8 -> data.get(at) & 0xff;
            case BOOL -> data.get(at) != 0 ? 1 : 0;
        };
    }

    /** IEEE 754 binary16 to float (exact: every half is a float), including subnormals, infinities and NaN. */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign != 0 ? -magnitude : magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** Every element as a float32 (float16 and bfloat16 exactly, float64 and integers rounded). */
    public float[] toFloats() {
        int n = Math.toIntExact(numel());
        float[] out = new float[n];
        if (dtype == TorchDtype.FLOAT32) {
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    /** Every element as a long (integer dtypes; floating ones truncated). */
    public long[] toLongs() {
        int n = Math.toIntExact(numel());
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = dtype == TorchDtype.INT64 ? data.getLong(i * 8) : (long) getDouble(i);
        }
        return out;
    }

    /** The tensor as a float32 array of {@code manager} (of any dtype, converted as {@link #toFloats()}). */
    public NDArray toFloat32(NDManager manager) {
        return manager.create(toFloats(), djlShape());
    }

    /** A short description: dtype and shape. */
    @Override
    public String toString() {
        return "TorchTensor[" + dtype + " " + shapeText() + "]";
    }

    /** Equal dtype, shape and bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TorchTensor t && t.dtype == dtype && Arrays.equals(t.shape, shape) && t.data.equals(data);
    }

    /** Consistent with {@link #equals}. */
    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + data.hashCode();
    }
}
