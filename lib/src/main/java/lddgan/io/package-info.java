/** File output that is never half-written ({@link lddgan.io.AtomicFiles}): results, checkpoints, caches. */
package lddgan.io;
