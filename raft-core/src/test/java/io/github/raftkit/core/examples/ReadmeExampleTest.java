package io.github.raftkit.core.examples;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The README shows the embedded example exactly as {@link EmbeddedClusterExampleTest} compiles and runs it. */
class ReadmeExampleTest {

    @Test
    void theReadmeShowsTheExampleThatTheTestsRun() throws IOException {
        ReadmeSnippet.assertShown("src/test/java/io/github/raftkit/core/examples/EmbeddedClusterExampleTest.java");
    }
}
