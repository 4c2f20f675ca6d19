/**
 * Optimisation: what updates the weights, independent of any loss or training loop.
 *
 * <ul>
 *   <li>{@link lddgan.optim.AdamParameterServer}: Adam as a DJL parameter server (PyTorch's update, betas (0.5, 0.9),
 *       no weight decay), with the data-parallel reduction and exportable moments, so a checkpoint restores the
 *       optimizer exactly.
 *   <li>{@link lddgan.optim.ExponentialMovingAverage}: the EMA of the generator's weights, the copy that samples
 *       and is evaluated.
 *   <li>{@link lddgan.optim.LearningRateSchedule}: constant (LDDGAN) or cosine per epoch down to 1e-5 (DDGAN,
 *       WDDGAN).
 *   <li>{@link lddgan.optim.DataParallel}: the global batch split into one shard per device, each loss weighted by
 *       its share (the batch size is global, the reference's is per GPU).
 * </ul>
 *
 * <p>Paper: Table 10 (learning rates of G and D, EMA decay, batch size, number of GPUs). Reference code:
 * REFERENCE-CODE.md section 0 ("LR schedule"), section 4 (Adam betas, EMA update after every G step) and section 9
 * (batch size per GPU; the reference's resume restores neither optimizer nor EMA).
 *
 * <p>Layer 3 (lib/ARCHITECTURE.md). May import: {@code io}, {@code config}, {@code nn}, {@code schedule}, {@code data}
 * (and the JDK, DJL, Jackson, Tablesaw, XChart, EJML); not the other packages of layer 3.
 */
package lddgan.optim;
