package lddgan.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Improved precision and recall (Kynkaanniemi et al. 2019, Sec. 2; REFERENCE-CODE.md section 7, as StyleGAN2-ADA's
 * {@code metrics/precision_recall.py}). Each set's manifold is the union of balls around its feature vectors, the
 * radius of each being the distance to its k-th nearest neighbour in the same set, self excluded. Precision is the
 * fraction of generated vectors inside the real manifold; recall the fraction of real vectors inside the generated
 * manifold (roles swapped). The paper uses k = 3 and VGG16 features.
 *
 * <p>Distances are computed in blocks of {@code rowBlock} rows against the whole manifold with one matrix product
 * per block (|a|^2 + |b|^2 - 2 a.b, squared distances, float32 as the reference), each block in its own
 * sub-manager, so 10k x 10k needs a few hundred MB, never N^2 at once.
 */
public final class ImprovedPrecisionRecall {
    /** The neighbourhood size of the paper and the reference code. */
    public static final int K = 3;
    /** Rows per distance block. */
    public static final int ROW_BLOCK = 1000;

    private ImprovedPrecisionRecall() {
    }

    /** Precision and recall with k = {@value #K}. Both arrays are (N, d) features from one extractor. */
    public static PrecisionRecall compute(NDArray realFeatures, NDArray generatedFeatures) {
        return compute(realFeatures, generatedFeatures, K, ROW_BLOCK);
    }

    /** Precision and recall with the given neighbourhood size and block size. */
    public static PrecisionRecall compute(NDArray realFeatures, NDArray generatedFeatures, int k, int rowBlock) {
        if (realFeatures.getShape().get(1) != generatedFeatures.getShape().get(1)) {
            throw new IllegalArgumentException("feature dimensions differ: " + realFeatures.getShape() + " vs "
                    + generatedFeatures.getShape());
        }
        try (NDManager scope = realFeatures.getManager().newSubManager()) {
            NDArray real = realFeatures.toType(DataType.FLOAT32, true);
            NDArray generated = generatedFeatures.toType(DataType.FLOAT32, true);
            real.attach(scope);
            generated.attach(scope);
            double precision = coverage(real, generated, k, rowBlock);
            double recall = coverage(generated, real, k, rowBlock);
            return new PrecisionRecall(precision, recall, k, real.getShape().get(0), generated.getShape().get(0));
        }
    }

    /**
     * The fraction of {@code probes} inside the manifold of {@code manifold}: probe p counts when some manifold
     * point m has |p - m|^2 &lt;= r_k(m)^2.
     */
    public static double coverage(NDArray manifold, NDArray probes, int k, int rowBlock) {
        long m = manifold.getShape().get(0);
        if (m <= k) {
            throw new IllegalArgumentException("the manifold needs more than k = " + k + " points, got " + m);
        }
        try (NDManager scope = manifold.getManager().newSubManager()) {
            Columns columns = new Columns(manifold, scope);
            NDArray radii = kthNeighbourSquaredDistances(columns, k, rowBlock, scope).reshape(1, m);
            long n = probes.getShape().get(0);
            long covered = 0;
            for (long from = 0; from < n; from += rowBlock) {
                try (NDManager block = scope.newSubManager()) {
                    NDArray rows = slice(probes, from, Math.min(n, from + rowBlock), block);
                    NDArray inside = columns.squaredDistancesFrom(rows).sub(radii).min(new int[] {1}).lte(0f);
                    covered += inside.toType(DataType.INT64, false).sum().getLong();
                }
            }
            return n == 0 ? Double.NaN : (double) covered / n;
        }
    }

    /**
     * The squared distance of each point to its k-th nearest neighbour in the same set, self excluded (the (k+1)-th
     * smallest distance of each row, the first being the point itself).
     *
     * @return (N) float32 attached to {@code manager}
     */
    public static NDArray kthNeighbourSquaredDistances(NDArray points, int k, int rowBlock, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray radii = kthNeighbourSquaredDistances(new Columns(points, scope), k, rowBlock, scope);
            radii.attach(manager);
            return radii;
        }
    }

    /** Squared Euclidean distances (rows x cols), clipped at 0, attached to the rows' manager. */
    public static NDArray squaredDistances(NDArray rows, NDArray cols) {
        try (NDManager scope = rows.getManager().newSubManager()) {
            NDArray d = new Columns(cols, scope).squaredDistancesFrom(rows);
            d.attach(rows.getManager());
            return d;
        }
    }

    private static NDArray kthNeighbourSquaredDistances(Columns points, int k, int rowBlock, NDManager manager) {
        long m = points.count();
        float[] radii = new float[Math.toIntExact(m)];
        for (long from = 0; from < m; from += rowBlock) {
            try (NDManager block = manager.newSubManager()) {
                NDArray rows = slice(points.points, from, Math.min(m, from + rowBlock), block);
                float[] kth = points.squaredDistancesFrom(rows).sort(1).get(":, " + k).toFloatArray();
                System.arraycopy(kth, 0, radii, (int) from, kth.length);
            }
        }
        return manager.create(radii);
    }

    private static NDArray slice(NDArray all, long from, long to, NDManager manager) {
        NDArray rows = all.get(from + ":" + to);
        rows.attach(manager);
        return rows;
    }

    /** The column side of a distance matrix, prepared once: the points, their transpose and squared norms. */
    private static final class Columns {
        final NDArray points;
        final NDArray transposed;
        final NDArray squaredNorms;

        Columns(NDArray points, NDManager scope) {
            this.points = points;
            this.transposed = points.transpose();
            this.transposed.attach(scope);
            NDArray squares = points.square();
            squares.attach(scope);
            this.squaredNorms = squares.sum(new int[] {1}).reshape(1, points.getShape().get(0));
        }

        long count() {
            return points.getShape().get(0);
        }

        /** |a|^2 + |b|^2 - 2 a.b for every row a and column point b; new arrays land on the rows' manager. */
        NDArray squaredDistancesFrom(NDArray rows) {
            NDArray rowNorms = rows.square().sum(new int[] {1}, true);
            return rows.matMul(transposed).muli(-2f).addi(rowNorms).addi(squaredNorms).maximum(0f);
        }
    }
}
