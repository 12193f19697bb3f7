package dev.mcpgateway.policy.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpgateway.policy.document.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

    @Test
    void loadsTheBuiltinExampleAndEveryJsonAndYamlFileOfTheDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("team-a.yaml"), "version: 3\ndefault: allow\nmode: monitor\n");
        Files.writeString(dir.resolve("team-b.json"), "{\"version\":\"2\",\"default\":\"deny\"}");
        Files.writeString(dir.resolve("README.md"), "not a policy");
        PolicyRegistry registry = new PolicyRegistry();
        PolicyLoader.load(List.of("smartlead-example"), Optional.of(dir), registry);
        assertEquals(1, registry.find("smartlead-example").version());
        assertEquals(3, registry.find("team-a").version());
        assertEquals(Mode.MONITOR, registry.find("team-a").mode());
        assertEquals(2, registry.find("team-b").version());
        assertEquals(3, registry.all().size());
    }

    @Test
    void aBadFileStopsTheStartWithItsErrors(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{\"version\":\"1\",\"tools\":{\"t\":{\"limits\":[{\"counter\":\"c\",\"window\":\"week\",\"max\":1}]}}}");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PolicyLoader.load(List.of(), Optional.of(dir), new PolicyRegistry()));
        assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("/tools/t/limits/0/window"), e.getMessage());
    }
}
