/**
 * The reference code's files (issue 19): PyTorch checkpoints ({@code torch.save} zip format, read with
 * {@code net.razorvine:pickle}: {@link lddgan.interop.TorchCheckpoint}), the reference's state_dict key names mapped
 * onto our networks' parameters ({@link lddgan.interop.ReferenceKeys}) and loaded strictly like PyTorch's
 * {@code load_state_dict(strict=True)} ({@link lddgan.interop.ReferenceWeights}), the reference constructor arguments
 * ({@code config.json}) as our configurations ({@link lddgan.interop.ReferenceConfigs}), safetensors export under the
 * reference's key names ({@link lddgan.interop.Safetensors}), NumPy {@code .npz} ({@link lddgan.interop.Npz}), and
 * the parity check against the fixtures of {@code /work/shared/parity} ({@link lddgan.interop.ParityCheck},
 * {@code make parity}).
 *
 * <p>Layer 5 (lib/ARCHITECTURE.md): imports the networks (generator, discriminator, autoencoder), nn, config, io.
 */
package lddgan.interop;
