/**
 * Run-wide choices and where things are.
 *
 * <ul>
 *   <li>{@link lddgan.config.Profile}: how big a run is ({@code smoke}, {@code cpu}, {@code paper}; same code, only
 *       configuration differs), chosen by {@code LDDGAN_PROFILE}.
 *   <li>{@link lddgan.config.DeviceChoice}: the GPU when the engine sees one, else the CPU ({@code LDDGAN_DEVICE}).
 *   <li>{@link lddgan.config.ProjectPaths}: the project root, {@code data/}, {@code results/}, {@code .cache/}.
 *   <li>{@link lddgan.config.JsonPresets}: strict reading and writing of preset records (unknown, missing and null
 *       keys rejected). Model presets live beside their models ({@code presets/generator/} and so on).
 *   <li>{@link lddgan.config.RunEnvironment}: the device and the software versions a number was computed with.
 * </ul>
 *
 * <p>Paper: the {@code paper} profile holds the paper's configurations (Tables 8-10); the smaller profiles shrink
 * them.
 *
 * <p>Layer 1 (lib/ARCHITECTURE.md). May import: {@code io} (and the JDK, DJL, Jackson, Tablesaw, XChart, EJML).
 */
package lddgan.config;
