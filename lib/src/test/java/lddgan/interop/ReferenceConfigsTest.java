package lddgan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import lddgan.discriminator.DiscriminatorConfig;
import lddgan.generator.GeneratorConfig;
import lddgan.io.Json;
import org.junit.jupiter.api.Test;

/** The reference's argparse names as our configurations; choices our networks do not have are refused by name. */
class ReferenceConfigsTest {
    private static ObjectNode generatorArgs() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("""
                {"image_size": 16, "num_channels": 4, "centered": true, "num_channels_dae": 32, "n_mlp": 4,
                 "ch_mult": [1, 2, 2], "num_res_blocks": 2, "attn_resolutions": [32], "dropout": 0.0,
                 "fir": true, "fir_kernel": [1, 3, 3, 1], "skip_rescale": true, "resblock_type": "biggan",
                 "progressive": "none", "progressive_input": "residual", "progressive_combine": "sum",
                 "embedding_type": "positional", "not_use_tanh": false, "nz": 50, "z_emb_dim": 64, "patch_size": 1}""");
    }

    @Test
    void generatorArgumentsBecomeOurConfigurationAndUnreachableAttentionSizesAreDropped() throws Exception {
        GeneratorConfig c = ReferenceConfigs.generator("g", generatorArgs());
        assertEquals(4, c.channels());
        assertEquals(16, c.resolution());
        assertEquals(32, c.nf());
        assertEquals(List.of(1, 2, 2), c.chMult());
        assertEquals(List.of(), c.attnResolutions(), "32 is no level of a 16x16 input: the reference never attends there");
        assertEquals(50, c.nz());
        assertEquals(64, c.zEmbDim());
        assertEquals(4, c.nMlp());
    }

    @Test
    void choicesOurNcsnppDoesNotHaveAreRefusedByName() throws Exception {
        for (String[] change : new String[][] {{"resblock_type", "\"ddpm\""}, {"progressive", "\"output_skip\""},
            {"embedding_type", "\"fourier\""}, {"fir_kernel", "[1, 1]"}, {"not_use_tanh", "true"}, {"centered", "false"},
            {"skip_rescale", "false"}, {"patch_size", "2"}}) {
            ObjectNode args = generatorArgs();
            args.set(change[0], Json.MAPPER.readTree(change[1]));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ReferenceConfigs.generator("g", args));
            assertTrue(e.getMessage().contains(change[0]), e.getMessage());
        }
    }

    @Test
    void discriminatorArguments() throws Exception {
        JsonNode args = Json.MAPPER.readTree("{\"nc\": 8, \"ngf\": 16, \"t_emb_dim\": 64, \"num_layers\": 3}");
        DiscriminatorConfig d = ReferenceConfigs.discriminator("d", "Dsmall", args, 16);
        assertEquals(4, d.channels(), "nc = 2 C");
        assertEquals(DiscriminatorConfig.Variant.SMALL, d.variant());
        assertEquals(3, d.numBlocks());
        assertEquals(16, d.ngf());
        assertEquals(64, d.tEmbDim());
        assertThrows(IllegalArgumentException.class, () -> ReferenceConfigs.discriminator("d", "Dhuge", args, 16));
    }
}
