package io.github.raftkit.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every script under {@code src/test/resources/scenario}: each reads top to bottom as a story, and each command's
 * output must match the expected text. To write a new scenario, put the commands in a file with empty expectations
 * and run with {@code -Draftkit.scenario.rewrite=true}; then read every output before committing it.
 */
class ScenarioScriptTest {
    private static final Path SCRIPTS = Path.of("src/test/resources/scenario");
    private static final boolean REWRITE = Boolean.getBoolean("raftkit.scenario.rewrite");

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(SCRIPTS)) {
            files = listing.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> run(file)));
    }

    private static void run(Path file) throws IOException {
        ScriptFile script = ScriptFile.parse(file);
        ScenarioInterpreter interpreter = new ScenarioInterpreter();
        List<String> actual = new ArrayList<>();
        for (ScriptFile.Case c : script.cases()) {
            String output;
            try {
                output = interpreter.run(c.command()) + "\n";
            } catch (RuntimeException e) {
                output = "error: " + e.getMessage() + "\n";
            }
            actual.add(output);
            if (!REWRITE) {
                assertEquals(c.expected(), output, file.getFileName() + ":" + c.line() + ": " + c.command());
            }
        }
        if (REWRITE) {
            Files.writeString(file, script.render(actual));
        }
    }
}
