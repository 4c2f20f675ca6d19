package lddgan.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The JSON manifest of a checkpoint directory: what run it belongs to, where in the run it is, and the SHA-256 of
 * every file beside it (REFERENCE-CODE.md section 9: the reference's auto-resume restores neither optimizer nor EMA;
 * this one restores everything).
 *
 * <p>The random state is not a byte dump of the engine's generator: {@code lddgan.train.GanTrainer} reseeds the engine at every
 * step from (seed, step) and shuffles each epoch from (seed, epoch), so {@code seed} and {@code step} determine it.
 *
 * @param format {@value #FORMAT}
 * @param preset the training preset name
 * @param config the full {@code lddgan.train.TrainingConfig} as JSON
 * @param step steps done
 * @param epoch the epoch of the next step
 * @param seed the run's seed
 * @param dataset the training set's name
 * @param datasetSize images in it
 * @param space the data space's name
 * @param firstStage the first stage of a latent space (its weights' identity and scale factor, {@code
 *     DataSpace.firstStage()}), null for pixels and wavelets and in manifests written before it was recorded
 * @param generatorOptimizerSteps Adam t of G
 * @param discriminatorOptimizerSteps Adam t of D
 * @param trainingSeconds wall seconds of the run's training calls up to this step, over every process that trained it
 *     (a resumed run goes on counting from it); null in manifests written before it was recorded
 * @param files file name to SHA-256 (hex) of every other file of the checkpoint
 * @param created ISO-8601 time of writing
 */
public record CheckpointManifest(String format, String preset, JsonNode config, long step, int epoch, long seed,
                                 String dataset, int datasetSize, String space, String firstStage, long generatorOptimizerSteps,
                                 long discriminatorOptimizerSteps, Double trainingSeconds, Map<String, String> files,
                                 String created) {
    /** The manifest format this version writes and reads. */
    public static final String FORMAT = "lddgan-checkpoint/1";
    /** The manifest's file name. */
    public static final String FILE = "manifest.json";
}
