package lddgan.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Extracts regular files from a gzip-compressed POSIX (ustar) tar archive, such as the CIFAR-10 binary archive.
 * Entries that would land outside the destination are refused.
 */
public final class TarGz {
    private static final int BLOCK = 512;

    private TarGz() {
    }

    /** Extracts every regular file of {@code archive} under {@code destination}; returns how many were written. */
    public static int extract(Path archive, Path destination) throws IOException {
        Path dest = destination.toAbsolutePath().normalize();
        int count = 0;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
            byte[] header = new byte[BLOCK];
            while (true) {
                if (!readFully(in, header)) {
                    break;
                }
                if (isZero(header)) {
                    break;
                }
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(text(header, 124, 12).isEmpty() ? "0" : text(header, 124, 12), 8);
                char type = (char) header[156];
                Path target = dest.resolve(name).normalize();
                if (!target.startsWith(dest)) {
                    throw new IOException(archive + ": entry '" + name + "' would be written outside " + dest);
                }
                if (type == '0' || type == 0) {
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target)) {
                        copy(in, out, size, archive, name);
                    }
                    count++;
                } else {
                    copy(in, OutputStream.nullOutputStream(), size, archive, name);
                }
                long pad = (BLOCK - size % BLOCK) % BLOCK;
                in.skipNBytes(pad);
            }
        }
        return count;
    }

    private static void copy(InputStream in, OutputStream out, long size, Path archive, String name) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new EOFException(archive + ": truncated inside entry '" + name + "'");
            }
            out.write(buf, 0, r);
            left -= r;
        }
    }

    private static boolean readFully(InputStream in, byte[] block) throws IOException {
        int at = 0;
        while (at < block.length) {
            int r = in.read(block, at, block.length - at);
            if (r < 0) {
                return false;
            }
            at += r;
        }
        return true;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII).trim();
    }
}
