/**
 * Audits and benchmarks: measured, never asserted by timed tests (DEVELOPERS.md "Speed and memory").
 *
 * <ul>
 *   <li>{@link lddgan.bench.ArchitectureAudit} ({@code make audit}): parameters and multiply-accumulates of every
 *       generator and discriminator preset, and of the decoder, beside the published numbers.
 *   <li>{@link lddgan.bench.SamplingBenchmark} ({@code make bench}): one sampling pass of LDDGAN, DDGAN and WDDGAN at
 *       the paper's CIFAR-10 sizes on this machine.
 *   <li>{@link lddgan.bench.SamplerMemory}: the memory column, each model sampling in a fresh JVM.
 *   <li>{@link lddgan.bench.TrainingBenchmark} ({@code make bench}, training part): steps per second of the presets,
 *       the cpu profile's peak resident growth per model, and whether native memory stays flat over a long run.
 *   <li>{@link lddgan.bench.ChildJvm}: a measurement in a fresh JVM sized like the one that asks for it.
 * </ul>
 *
 * <p>Paper: Table 2 (parameters, FLOPs, memory), Table 11 (CNN vs ViT cost), Table 3's time column with the protocol
 * of Sec. 5.1.2. Reference code: REFERENCE-CODE.md sections 2-3 (recomputed parameter counts), section 7 (timing
 * protocol).
 *
 * <p>Layer 8 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config}, {@code nn}, {@code schedule},
 * {@code data}, {@code space}, {@code generator}, {@code sampling}, {@code metrics}, {@code optim}, {@code loss},
 * {@code checkpoint}, {@code autoencoder}, {@code diffusion}, {@code discriminator}, {@code report}, {@code train},
 * {@code experiment} (and the JDK, DJL, Jackson, Tablesaw, XChart, EJML); not {@code verify}, its neighbour in layer 8.
 */
package lddgan.bench;
