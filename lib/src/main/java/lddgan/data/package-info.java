/**
 * Datasets: the CIFAR-10 binary reader and its location ({@link lddgan.data.Cifar10}), the verified download
 * ({@link lddgan.data.Download}, {@code make data}) and a deterministic synthetic dataset for runs without data
 * (paper Sec. 5.1.1 uses CIFAR-10 32x32, CelebA-HQ 256 and LSUN Church 256).
 */
package lddgan.data;
