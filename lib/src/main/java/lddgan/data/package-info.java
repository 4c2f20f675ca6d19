/**
 * Datasets: the CIFAR-10 binary reader and its location ({@link lddgan.data.Cifar10}), the verified download
 * ({@link lddgan.data.Download}, {@code make data}) and a deterministic synthetic dataset for runs without data
 * (paper Sec. 5.1.1 uses CIFAR-10 32x32, CelebA-HQ 256 and LSUN Church 256). The high-resolution datasets are read
 * image by image ({@link lddgan.data.ImageSource}): CelebA-HQ 256 as a folder of PNG/JPEG files
 * ({@link lddgan.data.ImageFolder}), LSUN Church as its official LMDB export of WebP images
 * ({@link lddgan.data.LsunLmdb}), both with the reference code's Resize + CenterCrop, bit for bit as PIL does it
 * ({@link lddgan.data.ImagePreprocessing}).
 */
package lddgan.data;
