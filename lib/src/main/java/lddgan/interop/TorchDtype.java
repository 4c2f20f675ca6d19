package lddgan.interop;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import java.util.Optional;

/**
 * The element types of PyTorch storages as {@code torch.save} names them in a checkpoint's persistent ids
 * ({@code torch.FloatStorage}, {@code torch.HalfStorage}, ...; PyTorch {@code torch/serialization.py},
 * {@code torch/storage.py}), with their width in bytes, the safetensors dtype code (safetensors format,
 * huggingface/safetensors README) and the DJL type.
 */
public enum TorchDtype {
    /** {@code torch.float32}. */
    FLOAT32("FloatStorage", 4, "F32", DataType.FLOAT32),
    /** {@code torch.float64}. */
    FLOAT64("DoubleStorage", 8, "F64", DataType.FLOAT64),
    /** {@code torch.float16} (IEEE half). */
    FLOAT16("HalfStorage", 2, "F16", DataType.FLOAT16),
    /** {@code torch.bfloat16} (the upper 16 bits of a float32). */
    BFLOAT16("BFloat16Storage", 2, "BF16", DataType.BFLOAT16),
    /** {@code torch.int64}. */
    INT64("LongStorage", 8, "I64", DataType.INT64),
    /** {@code torch.int32}. */
    INT32("IntStorage", 4, "I32", DataType.INT32),
    /** {@code torch.int16}. */
    INT16("ShortStorage", 2, "I16", DataType.INT16),
    /** {@code torch.int8}. */
    INT8("CharStorage", 1, "I8", DataType.INT8),
    /** {@code torch.uint8}. */
    UINT8("ByteStorage", 1, "U8", DataType.UINT8),
    /** {@code torch.bool}. */
    BOOL("BoolStorage", 1, "BOOL", DataType.BOOLEAN);

    private final String storageClass;
    private final int bytes;
    private final String safetensorsCode;
    private final DataType djlType;

    TorchDtype(String storageClass, int bytes, String safetensorsCode, DataType djlType) {
        this.storageClass = storageClass;
        this.bytes = bytes;
        this.safetensorsCode = safetensorsCode;
        this.djlType = djlType;
    }

    /** The storage class name in module {@code torch} ({@code FloatStorage}, ...). */
    public String storageClass() {
        return storageClass;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The dtype code of the safetensors header ({@code F32}, {@code BF16}, ...). */
    public String safetensorsCode() {
        return safetensorsCode;
    }

    /** The DJL data type. */
    public DataType djlType() {
        return djlType;
    }

    /** Whether the elements are floating point. */
    public boolean isFloating() {
        return this == FLOAT32 || this == FLOAT64 || this == FLOAT16 || this == BFLOAT16;
    }

    /** The dtype of a storage class name ({@code FloatStorage}), if known. */
    public static Optional<TorchDtype> ofStorageClass(String name) {
        for (TorchDtype d : values()) {
            if (d.storageClass.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The dtype of a safetensors code ({@code F32}), if known. */
    public static Optional<TorchDtype> ofSafetensorsCode(String code) {
        for (TorchDtype d : values()) {
            if (d.safetensorsCode.equals(code)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Lower-case name as PyTorch prints it ({@code float32}). */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
