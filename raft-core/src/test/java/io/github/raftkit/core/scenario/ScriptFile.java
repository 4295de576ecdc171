package io.github.raftkit.core.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario script in the data-driven format etcd's raft tests use: each case is a command line, a {@code ----}
 * separator and the expected output, ended by a blank line. Lines starting with {@code #} between cases are prose.
 */
record ScriptFile(Path path, List<Case> cases, List<String> trailingProse) {

    /** One command and the output it must print; {@code line} is where the command stands, for error messages. */
    record Case(int line, List<String> prose, String command, String expected) {
    }

    static ScriptFile parse(Path path) throws IOException {
        List<String> lines = Files.readAllLines(path);
        List<Case> cases = new ArrayList<>();
        List<String> prose = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                prose.add(line);
                i++;
                continue;
            }
            int commandLine = i + 1;
            if (i + 1 >= lines.size() || !lines.get(i + 1).equals("----")) {
                throw new IllegalArgumentException(path + ":" + commandLine + ": expected ---- after '" + line + "'");
            }
            i += 2;
            StringBuilder expected = new StringBuilder();
            while (i < lines.size() && !lines.get(i).isEmpty()) {
                expected.append(lines.get(i)).append('\n');
                i++;
            }
            cases.add(new Case(commandLine, List.copyOf(prose), line, expected.toString()));
            prose.clear();
        }
        return new ScriptFile(path, cases, List.copyOf(prose));
    }

    /** The script with every case's expected output replaced by {@code actual}, for rewrite mode. */
    String render(List<String> actual) {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < cases.size(); c++) {
            cases.get(c).prose().forEach(p -> out.append(p).append('\n'));
            out.append(cases.get(c).command()).append("\n----\n").append(actual.get(c));
        }
        trailingProse.forEach(p -> out.append(p).append('\n'));
        return out.toString();
    }
}
