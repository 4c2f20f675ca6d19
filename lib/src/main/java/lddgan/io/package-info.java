/**
 * File output that is never half-written, and the shared JSON mapper.
 *
 * <ul>
 *   <li>{@link lddgan.io.AtomicFiles}: write to a temporary file beside the target, then rename it over the target in
 *       one step; used for results, checkpoints and caches.
 *   <li>{@link lddgan.io.Json}: the project's Jackson mapper for results and metadata (indented; records and maps as
 *       they are).
 * </ul>
 *
 * <p>Paper: none (infrastructure).
 *
 * <p>Layer 0 (lib/ARCHITECTURE.md). May import no {@code lddgan} package: only the JDK and the project's libraries
 * (DJL, Jackson, Tablesaw, XChart, EJML).
 */
package lddgan.io;
