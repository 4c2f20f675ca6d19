/**
 * Datasets: reading, preprocessing and downloading the images the models train and are evaluated on.
 *
 * <ul>
 *   <li>CIFAR-10 32x32: {@link lddgan.data.Cifar10} (where it is on this machine), {@link lddgan.data.Cifar10Binary}
 *       (the official binary format), {@link lddgan.data.Cifar10Download} ({@code make data}).
 *   <li>{@link lddgan.data.ImageSet}: labelled 8-bit images held in memory; {@link lddgan.data.ImageSet#batch} gives
 *       the models' [-1, 1]. {@link lddgan.data.DatasetSummary} describes one.
 *   <li>{@link lddgan.data.SyntheticImages}: a deterministic synthetic set for runs without data (the smoke
 *       profile, tests); results on it say "synthetic".
 *   <li>The high-resolution sets, read image by image ({@link lddgan.data.ImageSource}): CelebA-HQ 256 as a folder
 *       of PNG/JPEG files ({@link lddgan.data.ImageFolder}), LSUN Church 256 as its official LMDB export of WebP
 *       images ({@link lddgan.data.LsunLmdb}), both with the reference code's Resize + CenterCrop, bit for bit as PIL
 *       does it ({@link lddgan.data.ImagePreprocessing}).
 *   <li>Downloads: {@link lddgan.data.Download} (SHA-256 checked before the file appears under its name) and
 *       {@link lddgan.data.TarGz} (safe extraction).
 * </ul>
 *
 * <p>Paper: the three datasets of Tables 1 and 3-5 (CIFAR-10 32x32, CelebA-HQ 256, LSUN Church 256). Reference code:
 * data centred in [-1, 1] (REFERENCE-CODE.md section 2); the preprocessing of DDGAN's {@code train_ddgan.py}.
 *
 * <p>Layer 2 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config} (and the JDK, DJL, Jackson, Tablesaw,
 * XChart, EJML); not {@code nn} or {@code schedule}, its neighbours in layer 2.
 */
package lddgan.data;
