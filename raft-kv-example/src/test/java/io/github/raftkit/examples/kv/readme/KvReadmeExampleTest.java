package io.github.raftkit.examples.kv.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.client.KvCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's key-value example, compiled and run here against three members in this JVM, and shown in the README
 * as is (the README's first line builds the configuration for a local {@code bin/cluster} instead).
 */
class KvReadmeExampleTest {
    private static final String BEGIN = "// ---- README example: begin ----";
    private static final String END = "// ---- README example: end ----";

    @Test
    void theExampleRunsAndLeavesWhatItSays() {
        try (KvCluster cluster = new KvCluster()) {
            ClientConfig config = cluster.clientConfig();
            example(config);

            try (KvClient kv = KvClient.connect(config)) {
                assertEquals("green", kv.get("color").orElseThrow().value().utf8());
                assertEquals("1", kv.get("visits").orElseThrow().value().utf8());
            }
        }
    }

    @Test
    void theReadmeShowsTheExampleAsItRuns() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/github/raftkit/examples/kv/readme/"
                + "KvReadmeExampleTest.java"));
        String example = source.substring(source.lastIndexOf(BEGIN) + BEGIN.length(), source.lastIndexOf(END));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(normalize(readme).contains(normalize(example)),
                "README.md must show the key-value example between the markers in KvReadmeExampleTest, as is");
    }

    private static void example(ClientConfig config) {
        // ---- README example: begin ----
        try (KvClient kv = KvClient.connect(config)) {
            kv.put("color", "blue");
            long revision = kv.get("color").orElseThrow().modRevision();
            kv.compareAndSet("color", revision, "green");          // CasResult: succeeded, or the current entry
            kv.increment("visits", 1);                            // KvException(NOT_AN_INTEGER) if it holds text
            kv.reading(ReadConsistency.STALE).scan("col", 100);   // up to 100 keys with the prefix, in byte order
        }
        // ---- README example: end ----
    }

    /** Indentation differs between a method body and a README code block; everything else must match. */
    private static String normalize(String code) {
        return code.lines().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
    }
}
