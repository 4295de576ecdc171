package io.github.raftkit.core.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Checks that the README shows a test's example as the test compiles and runs it: the code between the last
 * {@code // ---- README example: begin ----} and {@code end ----} markers of the test's source file. Shared by every
 * module whose example the README quotes; run from a module's directory, where the README is one level up.
 */
public final class ReadmeSnippet {
    private static final String BEGIN = "// ---- README example: begin ----";
    private static final String END = "// ---- README example: end ----";

    private ReadmeSnippet() {
    }

    /** Asserts that the README contains the example of the test source at {@code sourcePath}. */
    public static void assertShown(String sourcePath) throws IOException {
        String source = Files.readString(Path.of(sourcePath));
        String example = source.substring(source.lastIndexOf(BEGIN) + BEGIN.length(), source.lastIndexOf(END));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(normalize(readme).contains(normalize(example)),
                "README.md must show the example between the markers in " + sourcePath + ", as is");
    }

    /** Indentation differs between a method body and a README code block; everything else must match. */
    private static String normalize(String code) {
        return code.lines().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
    }
}
