package lddgan.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Objects;
import java.util.SplittableRandom;
import lddgan.generator.Generator;
import lddgan.nn.Scoped;
import lddgan.sampling.GanDenoiser;
import lddgan.sampling.PosteriorSampler;
import lddgan.sampling.SamplingLoop;
import lddgan.schedule.FewStepVpSchedule;
import lddgan.space.DataSpace;

/**
 * LDDGAN Algorithm 1 with a trained GAN generator as the denoiser, then decoding from the data space: x_T ~ N(0, I);
 * for k = T-1 .. 0, x0' = G(x_{k+1}, k, z) with a fresh z and x_k drawn from the posterior q(x_k | x_{k+1}, x0'); the
 * final x0' decoded by {@link DataSpace#decode} (the first stage's decoder, the inverse DWT, or nothing).
 *
 * <p>The one sampler of every trained or loaded GAN ({@link GanTrainer#sample}, the released checkpoints of
 * notebook 06). The engine is seeded from the sample seed before anything is drawn, so the same generator, space
 * and seed give the same images whatever ran before in the process.
 *
 * @param generator the generator (the EMA copy after training), initialised or loaded
 * @param schedule the few-step schedule of its T
 * @param space the space it works in
 */
public record Algorithm1Sampler(Generator generator, FewStepVpSchedule schedule, DataSpace space) {
    /** Checks that nothing is missing. */
    public Algorithm1Sampler {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(space, "space");
    }

    /**
     * Draws {@code count} images, {@code batch} per generator call, each batch in its own scope on {@code device}.
     *
     * @param out where the images go
     * @param device where the networks run
     * @param sampleSeed seeds the engine for x_T, z and the posterior draws
     * @return (count, C, H, W) images in [-1, 1], in {@code out}
     */
    public NDArray sample(NDManager out, Device device, int count, int batch, long sampleSeed) {
        GanDenoiser denoiser = seededDenoiser(sampleSeed);
        PosteriorSampler sampler = new PosteriorSampler(schedule);
        return TrainerBase.inBatches(out, device, count, batch, (part, from, n) ->
                space.decode(SamplingLoop.run(denoiser, sampler, part, generator.spec().xShape(n)).x0()));
    }

    /**
     * Denoises a given x_T and decodes the result: with the same x_T in every row, the rows differ only by z.
     *
     * @param xT (N, C, H, W) in the data space, in the manager the images go to (left untouched)
     * @param sampleSeed seeds the engine for the z and posterior draws
     * @return (N, C', H', W') images in [-1, 1], in xT's manager
     */
    public NDArray sampleFrom(NDArray xT, long sampleSeed) {
        GanDenoiser denoiser = seededDenoiser(sampleSeed);
        return Scoped.apply(xT, (in, scope) -> space.decode(
                SamplingLoop.run(denoiser, new PosteriorSampler(schedule), in).x0()));
    }

    private GanDenoiser seededDenoiser(long sampleSeed) {
        Engine.getInstance().setRandomSeed((int) new SplittableRandom(sampleSeed).nextLong());
        return new GanDenoiser(generator, generator.spec().nz());
    }
}
