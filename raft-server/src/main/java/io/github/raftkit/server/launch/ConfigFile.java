package io.github.raftkit.server.launch;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code --config} file: Java properties whose keys are the server's long option names without dashes
 * ({@code id=n1}, {@code http-port=8081}), and plugin settings as they are ({@code netty.ioThreads=2}, any key with
 * a dot). It becomes command-line arguments, so a value in the file is read and checked exactly like the same flag,
 * and flags given after it win.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /**
     * The arguments the file stands for, in key order.
     *
     * @param options the option names a key may take, such as {@code --id}
     * @throws IllegalArgumentException naming the file and the problem: unreadable, or a key that is no option
     */
    static List<String> arguments(Path file, Set<String> options) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        List<String> arguments = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(key).strip();
            if (key.contains(".")) {
                arguments.add("--property");
                arguments.add(key + "=" + value);
            } else if (options.contains("--" + key)) {
                arguments.add("--" + key);
                arguments.add(value);
            } else {
                throw new IllegalArgumentException("config file " + file + ": unknown key '" + key + "'; keys are "
                        + options.stream().map(option -> option.substring(2)).sorted().toList()
                        + " and plugin settings such as netty.ioThreads");
            }
        }
        return arguments;
    }
}
