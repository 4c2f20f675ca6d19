package lddgan.interop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import net.razorvine.pickle.objects.ClassDictConstructor;

/**
 * Reads PyTorch checkpoints written by {@code torch.save} in the zip format (PyTorch 1.6 and later, the default since
 * then; {@code torch/serialization.py} {@code _save}): a zip archive with one top folder {@code <name>/} holding
 * {@code data.pkl} (the pickled object, protocol 2), {@code data/<key>} (the raw bytes of each storage),
 * {@code byteorder} ({@code little} or {@code big}; absent in files older than PyTorch 1.11: little) and
 * {@code version}.
 *
 * <p>The pickle is read with Razorvine's unpickler ({@code net.razorvine:pickle}); this class only supplies what
 * PyTorch adds to plain pickle:
 * <ul>
 *   <li>persistent ids {@code ('storage', torch.<T>Storage, key, location, numel)}: the storage's bytes from
 *       {@code data/<key>} (dtypes of {@link TorchDtype});
 *   <li>{@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])}: a
 *       {@link TorchTensor} gathered from the storage by offset and stride, so views (transposes, slices) come out
 *       right; {@code _rebuild_parameter} unwraps to its tensor, {@code torch._tensor._rebuild_from_type_v2} (tensor
 *       subclasses) to the tensor of its rebuild function;
 *   <li>{@code collections.OrderedDict} (the type of every state_dict) as a {@link LinkedHashMap} (its
 *       {@code _metadata} attribute dropped).
 * </ul>
 * Python builtins and the few standard classes Razorvine knows (set, bytes, datetime, ...) are built by Razorvine;
 * objects of any other class (e.g. {@code argparse.Namespace} in a Lightning-style checkpoint's
 * {@code hyper_parameters}, {@code collections.defaultdict}, a list or dict subclass) become {@link SkippedObject}s,
 * their arguments, state and items dropped: they are skipped, not fatal.
 *
 * <p>Not read, with an error naming the file and what it is: the legacy format of PyTorch before 1.6 (a bare pickle
 * stream starting with the magic number 0x1950a86a20f9469cfc6c), TorchScript archives, truncated or damaged zips,
 * files that are not checkpoints.
 */
public final class TorchCheckpoint {
    /** The legacy format's pickled magic number: PROTO 2, LONG1 of 10 bytes, 0x1950a86a20f9469cfc6c little-endian. */
    private static final byte[] LEGACY_MAGIC = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c,
        0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};

    private TorchCheckpoint() {
    }

    /** An object of a class this reader does not know: its class name is kept, its state dropped. */
    public static final class SkippedObject {
        private final String className;

        SkippedObject(String className) {
            this.className = className;
        }

        /** The Python class, {@code module.name}. */
        public String className() {
            return className;
        }

        @Override
        public String toString() {
            return "<skipped " + className + ">";
        }
    }

    /**
     * A {@code collections.OrderedDict}: insertion-ordered; BUILD's instance attributes (a state_dict's
     * {@code _metadata}) are dropped.
     */
    public static final class OrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Reads the whole pickled object: dicts as {@link Map}s, lists as {@link List}s, tuples as {@code Object[]},
     * tensors as {@link TorchTensor}s, unknown classes as {@link SkippedObject}s.
     *
     * @throws CheckpointFormatException naming the file when it is not a readable zip-format checkpoint
     * @throws IOException when the file cannot be read
     */
    public static Object read(Path file) throws IOException {
        byte[] head = readHead(file, 64);
        if (head.length < 4 || head[0] != 'P' || head[1] != 'K') {
            throw new CheckpointFormatException(file, describeNonZip(head));
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new CheckpointFormatException(file, "a damaged or truncated zip archive (" + e.getMessage()
                    + "); the file has " + Files.size(file) + " bytes");
        }
        try (zip) {
            String prefix = archivePrefix(file, zip);
            ByteOrder order = byteOrder(file, zip, prefix);
            byte[] pickle = readEntry(file, zip, prefix + "data.pkl");
            TorchUnpickler unpickler = new TorchUnpickler(file, zip, prefix, order);
            try {
                return unpickler.load(new ByteArrayInputStream(pickle));
            } catch (CheckpointFormatException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new CheckpointFormatException(file, "an unreadable data.pkl: " + e);
            } finally {
                unpickler.close();
            }
        }
    }

    /**
     * The tensors of a checkpoint's state_dict by key, in file order: the root object when it is a dict of tensors
     * (a {@code torch.save(state_dict)}), else its {@code state_dict} entry (a Lightning-style checkpoint). Entries
     * that are not tensors are left out.
     *
     * @throws CheckpointFormatException naming the file when no state_dict is found
     */
    public static Map<String, TorchTensor> stateDict(Path file) throws IOException {
        Object root = read(file);
        if (root instanceof Map<?, ?> map) {
            Object nested = map.get("state_dict");
            Map<?, ?> dict = nested instanceof Map<?, ?> m ? m : map;
            Map<String, TorchTensor> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                if (e.getKey() instanceof String key && e.getValue() instanceof TorchTensor t) {
                    out.put(key, t);
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
            throw new CheckpointFormatException(file, "a dict without tensors (keys " + keysOf(map) + ")");
        }
        throw new CheckpointFormatException(file, "a pickled " + describe(root) + ", not a state_dict");
    }

    private static String keysOf(Map<?, ?> map) {
        List<String> keys = new ArrayList<>();
        for (Object k : map.keySet()) {
            keys.add(String.valueOf(k));
            if (keys.size() == 10) {
                keys.add("...");
                break;
            }
        }
        return keys.toString();
    }

    private static String describe(Object o) {
        return o == null ? "None" : o instanceof SkippedObject s ? s.className() : o.getClass().getSimpleName();
    }

    private static byte[] readHead(Path file, int n) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }

    private static String describeNonZip(byte[] head) {
        if (head.length >= LEGACY_MAGIC.length && java.util.Arrays.equals(head, 0, LEGACY_MAGIC.length, LEGACY_MAGIC, 0,
                LEGACY_MAGIC.length)) {
            return "the legacy torch.save format of PyTorch < 1.6 (a bare pickle stream with magic number "
                    + "0x1950a86a20f9469cfc6c), which is not supported: re-save it with PyTorch >= 1.6 "
                    + "(torch.save(torch.load(f), g))";
        }
        if (head.length > 0 && (head[0] & 0xff) == 0x80) {
            return "a bare pickle stream (protocol " + (head.length > 1 ? head[1] : '?') + "), not a zip-format torch.save file";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(8, head.length); i++) {
            hex.append(String.format(Locale.ROOT, "%02x", head[i] & 0xff));
        }
        return head.length == 0 ? "an empty file" : "not a zip archive (first bytes " + hex + "), so not a torch.save file";
    }

    /** The folder holding data.pkl ({@code weights/}, {@code archive/}). */
    private static String archivePrefix(Path file, ZipFile zip) throws CheckpointFormatException {
        Set<String> names = new TreeSet<>();
        String prefix = null;
        boolean torchScript = false;
        for (ZipEntry e : Collections.list(zip.entries())) {
            String name = e.getName();
            names.add(name);
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                prefix = name.substring(0, slash + 1);
            }
            if (slash > 0 && (name.substring(slash + 1).startsWith("code/") || name.endsWith("/constants.pkl"))) {
                torchScript = true;
            }
        }
        if (torchScript) {
            throw new CheckpointFormatException(file, "a TorchScript archive (code/, constants.pkl), not a torch.save "
                    + "checkpoint: load it with DJL's TorchScript support");
        }
        if (prefix == null) {
            List<String> first = new ArrayList<>(names).subList(0, Math.min(names.size(), 8));
            throw new CheckpointFormatException(file, "a zip archive without <name>/data.pkl (entries " + first
                    + (names.size() > 8 ? " and " + (names.size() - 8) + " more" : "") + "), so not a torch.save file");
        }
        return prefix;
    }

    private static ByteOrder byteOrder(Path file, ZipFile zip, String prefix) throws IOException {
        ZipEntry e = zip.getEntry(prefix + "byteorder");
        if (e == null) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        String text = new String(readEntry(file, zip, prefix + "byteorder"), StandardCharsets.US_ASCII).trim();
        return switch (text) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw new CheckpointFormatException(file, "an unknown byteorder '" + text + "'");
        };
    }

    private static byte[] readEntry(Path file, ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new CheckpointFormatException(file, "a zip archive without entry " + name);
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] bytes = in.readAllBytes();
            if (e.getSize() >= 0 && bytes.length != e.getSize()) {
                throw new CheckpointFormatException(file, "entry " + name + " truncated: " + bytes.length + " of "
                        + e.getSize() + " bytes");
            }
            return bytes;
        } catch (ZipException ex) {
            throw new CheckpointFormatException(file, "a damaged entry " + name + " (" + ex.getMessage() + ")");
        }
    }

    /** A storage: dtype, element count and its bytes from {@code data/<key>} (read once, little-endian). */
    private static final class Storage {
        final TorchDtype dtype;
        final String key;
        final long numel;
        final ByteBuffer bytes;

        Storage(TorchDtype dtype, String key, long numel, ByteBuffer bytes) {
            this.dtype = dtype;
            this.key = key;
            this.numel = numel;
            this.bytes = bytes;
        }
    }

    /** The class marker of a persistent id's storage type ({@code torch.FloatStorage}). */
    private record StorageType(TorchDtype dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("torch." + dtype.storageClass() + " cannot be constructed in a checkpoint");
        }
    }

    /** {@code torch._utils._rebuild_tensor_v2}. */
    private static final IObjectConstructor REBUILD_TENSOR = args -> {
        if (args.length < 4 || !(args[0] instanceof Storage storage)) {
            throw new PickleException("_rebuild_tensor_v2 expects (storage, offset, size, stride, ...), got "
                    + args.length + " arguments");
        }
        return gather(storage, toLong(args[1]), toLongs(args[2]), toLongs(args[3]));
    };

    /** {@code torch._utils._rebuild_parameter(data, requires_grad, hooks)} and its variant with state. */
    private static final IObjectConstructor REBUILD_PARAMETER = args -> {
        if (args.length < 1 || !(args[0] instanceof TorchTensor)) {
            throw new PickleException("_rebuild_parameter expects a tensor first");
        }
        return args[0];
    };

    /**
     * {@code torch._tensor._rebuild_from_type_v2(func, type, args, state)} (tensor subclasses, PyTorch >= 1.12): the
     * tensor {@code func(*args)}, its subclass and state dropped.
     */
    private static final IObjectConstructor REBUILD_FROM_TYPE = args -> {
        if (args.length < 3 || !(args[0] instanceof IObjectConstructor func) || !(args[2] instanceof Object[] inner)) {
            throw new PickleException("_rebuild_from_type_v2 expects (func, type, args, state)");
        }
        return func.construct(inner);
    };

    private static long toLong(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        throw new PickleException("expected an integer, got " + describe(o));
    }

    private static long[] toLongs(Object o) {
        if (o instanceof Object[] tuple) {
            long[] out = new long[tuple.length];
            for (int i = 0; i < tuple.length; i++) {
                out[i] = toLong(tuple[i]);
            }
            return out;
        }
        if (o instanceof List<?> list) {
            return toLongs(list.toArray());
        }
        throw new PickleException("expected a tuple of integers, got " + describe(o));
    }

    /** The elements of a strided view of {@code storage}, gathered into row-major order. */
    static TorchTensor gather(Storage storage, long offset, long[] size, long[] stride) {
        try {
            return TorchTensor.strided(storage.dtype, storage.bytes, storage.numel, offset, size, stride);
        } catch (IllegalArgumentException e) {
            throw new PickleException("storage " + storage.key + ": " + e.getMessage());
        }
    }

    /** Razorvine's unpickler with PyTorch's persistent ids and classes; unknown classes become skipped objects. */
    private static final class TorchUnpickler extends Unpickler {
        private final Path file;
        private final ZipFile zip;
        private final String prefix;
        private final ByteOrder order;
        private final Map<String, Storage> storages = new HashMap<>();

        TorchUnpickler(Path file, ZipFile zip, String prefix, ByteOrder order) {
            this.file = file;
            this.zip = zip;
            this.prefix = prefix;
            this.order = order;
        }

        @Override
        protected Object dispatch(short key) throws PickleException, IOException {
            switch (key) {
                case Opcodes.GLOBAL -> {
                    String module = PickleUtils.readline(input);
                    String name = PickleUtils.readline(input);
                    return global(module, name);
                }
                case Opcodes.STACK_GLOBAL -> {
                    String name = (String) stack.pop();
                    String module = (String) stack.pop();
                    return global(module, name);
                }
                case Opcodes.BUILD -> {
                    // an instance's state: dropped for skipped objects and OrderedDicts, else Razorvine's __setstate__
                    Object state = stack.pop();
                    Object target = stack.peek();
                    if (target instanceof SkippedObject || target instanceof OrderedDict) {
                        return NO_RETURN_VALUE;
                    }
                    stack.add(state);
                    return super.dispatch(key);
                }
                case Opcodes.SETITEM -> {
                    Object value = stack.pop();
                    Object k = stack.pop();
                    if (!(stack.peek() instanceof SkippedObject)) {
                        @SuppressWarnings("unchecked")
                        Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
                        dict.put(k, value);
                    }
                    return NO_RETURN_VALUE;
                }
                case Opcodes.APPEND -> {
                    Object value = stack.pop();
                    if (stack.peek() instanceof SkippedObject) {
                        return NO_RETURN_VALUE;
                    }
                    stack.add(value);
                    return super.dispatch(key);
                }
                case Opcodes.APPENDS -> {
                    List<Object> items = stack.pop_all_since_marker();
                    if (stack.peek() instanceof SkippedObject) {
                        return NO_RETURN_VALUE;
                    }
                    @SuppressWarnings("unchecked")
                    List<Object> list = (List<Object>) stack.peek();
                    list.addAll(items);
                    return NO_RETURN_VALUE;
                }
                case Opcodes.EMPTY_DICT -> {
                    stack.add(new LinkedHashMap<Object, Object>());
                    return NO_RETURN_VALUE;
                }
                case Opcodes.SETITEMS -> {
                    // Razorvine collects the items in a HashMap first: put them one by one to keep the file's order
                    List<Object> items = stack.pop_all_since_marker();
                    if (stack.peek() instanceof SkippedObject) {
                        return NO_RETURN_VALUE;
                    }
                    @SuppressWarnings("unchecked")
                    Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
                    for (int i = 0; i + 1 < items.size(); i += 2) {
                        dict.put(items.get(i), items.get(i + 1));
                    }
                    return NO_RETURN_VALUE;
                }
                default -> {
                    return super.dispatch(key);
                }
            }
        }

        /**
         * Pushes the constructor of module.name: PyTorch's own, else Razorvine's (Python builtins, datetime, ...), else
         * (a class Razorvine would only turn into a ClassDict) one that makes a {@link SkippedObject} of any arguments.
         */
        private Object global(String module, String name) throws IOException {
            IObjectConstructor known = torchClass(module, name);
            if (known != null) {
                stack.add(known);
                return NO_RETURN_VALUE;
            }
            InputStream rest = input;
            input = new java.io.SequenceInputStream(new ByteArrayInputStream(
                    (module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8)), rest);
            try {
                super.dispatch(Opcodes.GLOBAL);
            } finally {
                input = rest;
            }
            if (stack.peek() instanceof ClassDictConstructor) {
                stack.pop();
                String className = module + "." + name;
                stack.add((IObjectConstructor) args -> new SkippedObject(className));
            }
            return NO_RETURN_VALUE;
        }

        private static IObjectConstructor torchClass(String module, String name) {
            if (module.equals("collections") && name.equals("OrderedDict")) {
                return args -> new OrderedDict();
            }
            if (module.equals("torch._utils")) {
                return switch (name) {
                    case "_rebuild_tensor_v2" -> REBUILD_TENSOR;
                    case "_rebuild_parameter", "_rebuild_parameter_with_state" -> REBUILD_PARAMETER;
                    default -> null;
                };
            }
            if (module.equals("torch._tensor") && name.equals("_rebuild_from_type_v2")) {
                return REBUILD_FROM_TYPE;
            }
            if (module.equals("torch")) {
                return TorchDtype.ofStorageClass(name).<IObjectConstructor>map(StorageType::new).orElse(null);
            }
            return null;
        }

        @Override
        protected Object persistentLoad(Object pid) {
            if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0])) {
                throw new PickleException("unknown persistent id " + describe(pid));
            }
            if (!(t[1] instanceof StorageType type)) {
                throw new PickleException("unsupported storage type " + describe(t[1]) + " (known: "
                        + java.util.Arrays.toString(TorchDtype.values()) + ")");
            }
            String storageKey = String.valueOf(t[2]);
            long numel = toLong(t[4]);
            Storage s = storages.get(storageKey);
            if (s == null) {
                s = new Storage(type.dtype(), storageKey, numel, storageBytes(storageKey, type.dtype(), numel));
                storages.put(storageKey, s);
            }
            return s;
        }

        private ByteBuffer storageBytes(String storageKey, TorchDtype dtype, long numel) {
            byte[] bytes;
            try {
                bytes = readEntry(file, zip, prefix + "data/" + storageKey);
            } catch (IOException e) {
                throw new PickleException(e.getMessage());
            }
            if (bytes.length < numel * dtype.bytes()) {
                throw new PickleException("storage data/" + storageKey + " has " + bytes.length + " bytes, " + numel
                        + " " + dtype + " elements need " + numel * dtype.bytes());
            }
            if (order == ByteOrder.BIG_ENDIAN && dtype.bytes() > 1) {
                for (int i = 0; i < bytes.length; i += dtype.bytes()) {
                    for (int a = i, b = i + dtype.bytes() - 1; a < b; a++, b--) {
                        byte tmp = bytes[a];
                        bytes[a] = bytes[b];
                        bytes[b] = tmp;
                    }
                }
            }
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
