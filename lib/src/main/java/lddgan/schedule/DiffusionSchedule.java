package lddgan.schedule;

/**
 * A discrete diffusion schedule: T transitions x_{t-1} -&gt; x_t with variances beta_t, and the
 * posterior q(x_{t-1} | x_t, x0) they imply (DDPM Eq. (6)-(7); DDGAN Sec. 3).
 *
 * <p>Implemented by the few-step VP schedule of DDGAN/WDDGAN/LDDGAN ({@link FewStepVpSchedule})
 * and, later, by 1000-step DDPM/DDIM schedules (linear, cosine). Samplers only need this view:
 * the per-step tables of {@link #posterior()}, indexed by the sampler step s = 0..T-1 (see the
 * package documentation for the index convention).
 */
public interface DiffusionSchedule {

    /** The number of steps T (the NFE of a sampler that visits every step). */
    int numSteps();

    /**
     * The per-step tables (beta, alpha-bar, posterior mean coefficients and variance), indexed by
     * sampler step s = 0..T-1.
     */
    Posterior posterior();
}
