package io.github.raftkit.core.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README shows the embedded example exactly as {@link EmbeddedClusterExampleTest} compiles and runs it. */
class ReadmeExampleTest {

    @Test
    void theReadmeShowsTheExampleThatTheTestsRun() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/github/raftkit/core/examples/"
                + "EmbeddedClusterExampleTest.java"));
        String begin = "// ---- README example: begin ----";
        String end = "// ---- README example: end ----";
        String example = source.substring(source.indexOf(begin) + begin.length(), source.indexOf(end));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(normalize(readme).contains(normalize(example)),
                "README.md must show the example between the markers in EmbeddedClusterExampleTest, as is");
    }

    /** Indentation differs between a class body and a README code block; everything else must match. */
    private static String normalize(String code) {
        return code.lines().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
    }
}
