package lddgan.generator;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import lddgan.nn.ComposedBlock;

/**
 * A generator x0' = G(x_{k+1}, k, z) of any backbone (LDDGAN Sec. 3; Appendix C): the forward contract shared by the
 * CNN ({@link NcsnppGenerator}) and the U-ViT ({@link UViTGenerator}), so the training loop, the EMA and the sampler
 * work with either.
 *
 * <p>Forward contract: {@code forward(ps, new NDList(x, t, z), training)} with x (N, C, H, W) float32, t (N,) integer
 * timestep indices k, z (N, nz) float32; returns {@code NDList(x0')} of x's shape. Initialise with
 * {@link #initialize(ai.djl.ndarray.NDManager, int)}.
 */
public abstract class Generator extends ComposedBlock {
    private final GeneratorSpec spec;

    /** A generator built from {@code spec}. */
    protected Generator(GeneratorSpec spec) {
        this.spec = spec;
    }

    /** The configuration this generator was built from. */
    public GeneratorSpec spec() {
        return spec;
    }

    /** {@inheritDoc} */
    @Override
    protected Shape[] inputShapes(long batch) {
        return spec.inputShapes(batch);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        checkInputs(inputShapes, inputShapes.length);
        return new Shape[] {inputShapes[0]};
    }

    /** {@inheritDoc} */
    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        checkInputs(inputShapes, inputShapes.length);
        super.beforeInitialize(inputShapes);
    }

    /**
     * Checks the shapes of (x, t, z) against the configuration.
     *
     * @param shapes the input shapes, or null when their number is already wrong
     * @param count the number of inputs
     * @throws IllegalArgumentException naming the preset and the expected shapes
     */
    protected final void checkInputs(Shape[] shapes, int count) {
        String expected = "expected (x (N, " + spec.channels() + ", " + spec.resolution() + ", " + spec.resolution()
                + "), t (N,), z (N, " + spec.nz() + "))";
        boolean ok = shapes != null && count == 3 && shapes[0].dimension() == 4;
        if (ok) {
            Shape x = shapes[0];
            long n = x.get(0);
            ok = x.get(1) == spec.channels() && x.get(2) == spec.resolution() && x.get(3) == spec.resolution()
                    && shapes[1].equals(new Shape(n)) && shapes[2].equals(new Shape(n, spec.nz()));
        }
        if (!ok) {
            throw new IllegalArgumentException("generator '" + spec.name() + "': " + expected + ", got "
                    + (shapes == null ? count + " inputs" : Arrays.toString(shapes)));
        }
    }
}
