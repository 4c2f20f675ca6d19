package lddgan.interop;

import ai.djl.nn.Block;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lddgan.io.AtomicFiles;

/**
 * The safetensors format (huggingface/safetensors, "Format"): an unsigned 64-bit little-endian header size N, N bytes
 * of UTF-8 JSON {@code {"<name>": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...,
 * "__metadata__": {"k": "v"}}} (padded with spaces to a multiple of 8), then the tensors' bytes, little-endian and
 * row-major, at the offsets (relative to the end of the header), contiguous and in order. {@link #export} writes our
 * networks under the reference code's state_dict keys ({@link ReferenceKeys}), so the file loads into the reference's
 * PyTorch modules with {@code safetensors.torch.load_file} + {@code load_state_dict}, and back into ours with
 * {@link ReferenceWeights#load(Block, Path)}.
 */
public final class Safetensors {
    /** The largest header this reader accepts (the reference implementation's limit is 100 MB). */
    private static final long MAX_HEADER = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {
    }

    /** Writes {@code tensors} (in their order) with {@code metadata} to {@code file}, atomically. */
    public static void write(Path file, Map<String, TorchTensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", metadata);
        }
        long offset = 0;
        for (Map.Entry<String, TorchTensor> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("a tensor cannot be named __metadata__");
            }
            TorchTensor t = e.getValue();
            long size = t.numel() * t.dtype().bytes();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", t.dtype().safetensorsCode());
            info.put("shape", t.shape());
            info.put("data_offsets", new long[] {offset, offset + size});
            header.put(e.getKey(), info);
            offset += size;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = java.util.Arrays.copyOf(json, padded);
        java.util.Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        AtomicFiles.write(file, out -> {
            ByteBuffer size = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(size.array());
            out.write(headerBytes);
            for (TorchTensor t : tensors.values()) {
                out.write(t.bytes());
            }
        });
    }

    /** Reads every tensor of a safetensors file, in header order. */
    public static Map<String, TorchTensor> read(Path file) throws IOException {
        return readWithMetadata(file, null);
    }

    /** The {@code __metadata__} of a safetensors file (empty when absent). */
    public static Map<String, String> metadata(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        readWithMetadata(file, meta);
        return meta;
    }

    private static Map<String, TorchTensor> readWithMetadata(Path file, Map<String, String> metadataOut)
            throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            ByteBuffer sizeBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (ch.read(sizeBytes, 0) != 8) {
                throw new CheckpointFormatException(file, "too short for a safetensors file (" + fileSize + " bytes)");
            }
            long n = sizeBytes.flip().getLong();
            if (n < 2 || n > MAX_HEADER || 8 + n > fileSize) {
                throw new CheckpointFormatException(file, "not a safetensors file: header size " + n + " in a file of "
                        + fileSize + " bytes");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
            ch.read(headerBytes, 8);
            String text = new String(headerBytes.array(), StandardCharsets.UTF_8);
            if (!text.startsWith("{")) {
                throw new CheckpointFormatException(file, "not a safetensors file: the header is not a JSON object");
            }
            Map<String, Object> header = JSON.readValue(text.strip(), new TypeReference<LinkedHashMap<String, Object>>() {
            });
            long dataStart = 8 + n;
            Map<String, TorchTensor> out = new LinkedHashMap<>();
            long expectedBegin = 0;
            for (Map.Entry<String, Object> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    if (metadataOut != null && e.getValue() instanceof Map<?, ?> m) {
                        m.forEach((k, v) -> metadataOut.put(String.valueOf(k), String.valueOf(v)));
                    }
                    continue;
                }
                if (!(e.getValue() instanceof Map<?, ?> info)) {
                    throw new CheckpointFormatException(file, "tensor " + e.getKey() + " has no description");
                }
                String code = String.valueOf(info.get("dtype"));
                TorchDtype dtype = TorchDtype.ofSafetensorsCode(code).orElseThrow(() -> new CheckpointFormatException(
                        file, "tensor " + e.getKey() + " has unsupported dtype " + code));
                long[] shape = longs(info.get("shape"));
                long[] offsets = longs(info.get("data_offsets"));
                long bytes = TorchTensor.numel(shape) * dtype.bytes();
                if (offsets.length != 2 || offsets[1] - offsets[0] != bytes || offsets[0] < 0
                        || dataStart + offsets[1] > fileSize) {
                    throw new CheckpointFormatException(file, "tensor " + e.getKey() + " " + dtype + " "
                            + TorchTensor.shapeText(shape) + " has data_offsets " + java.util.Arrays.toString(offsets)
                            + " (needs " + bytes + " bytes; the data part has " + (fileSize - dataStart) + ")");
                }
                if (offsets[0] != expectedBegin) {
                    throw new CheckpointFormatException(file, "tensor " + e.getKey() + " starts at " + offsets[0]
                            + ", expected " + expectedBegin + " (tensors must be contiguous and in order)");
                }
                expectedBegin = offsets[1];
                ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(bytes));
                ch.read(data, dataStart + offsets[0]);
                data.flip();
                out.put(e.getKey(), new TorchTensor(dtype, shape, data));
            }
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CheckpointFormatException(file, "a safetensors header that is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    private static long[] longs(Object o) {
        if (!(o instanceof List<?> list)) {
            return new long[0];
        }
        List<Long> values = new ArrayList<>();
        list.forEach(v -> values.add(((Number) v).longValue()));
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** Whether {@code file} starts like a safetensors file (a plausible header size, then {@code {}). */
    public static boolean looksLikeSafetensors(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(9);
            if (head.length < 9) {
                return false;
            }
            long n = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            return n >= 2 && n <= MAX_HEADER && head[8] == '{';
        }
    }

    /**
     * Exports {@code network}'s parameters as float32 under the reference code's keys (no {@code module.} prefix),
     * with metadata {@code format = pt} and our class name.
     */
    public static void export(Block network, Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("lddgan.network", network.getClass().getName());
        write(file, ReferenceWeights.stateDict(network), meta);
    }
}
