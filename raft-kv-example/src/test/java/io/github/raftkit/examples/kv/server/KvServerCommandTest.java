package io.github.raftkit.examples.kv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.examples.kv.command.KvLimits;
import io.github.raftkit.examples.kv.store.KvStore;
import io.github.raftkit.server.launch.MemberPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The key-value store's own flags of {@code raft-kv server}; the shared ones are raft-server's to test. */
class KvServerCommandTest {
    @TempDir
    Path dir;

    @Test
    void anIdAloneGivesTheStoreWithDefaultLimitsAndARedisPortByPosition() {
        MemberPlan plan = plan("--id", "n2");

        assertEquals(8082, plan.settings().httpPort());
        assertEquals(List.of(new RespFrontEnd(6382, KvLimits.DEFAULT)), plan.application().frontEnds());
        assertTrue(plan.application().stateMachine().get() instanceof KvStore);
    }

    @Test
    void theRedisPortMayNotCollideOnTheMembersHost() {
        assertEquals("--resp-port and --http-port are both 9000",
                refusal("--id", "n1", "--http-port", "9000", "--resp-port", "9000"));
        assertEquals("--resp-port 7002 is the Raft port of n2 (127.0.0.1:7002)",
                refusal("--id", "n1", "--resp-port", "7002"));
        assertEquals("--resp-port must be 1..65535, got 70000", refusal("--id", "n1", "--resp-port", "70000"));
    }

    @Test
    void limitsTheStoreCannotKeepAreRefused() {
        String refusal = refusal("--id", "n1", "--max-value-bytes", "10");

        assertTrue(refusal.startsWith("--max-key-bytes/--max-value-bytes: "), refusal);
        assertTrue(refusal.contains("maxValueBytes at least 20"), refusal);
    }

    @Test
    void aConfigFileSuppliesTheStoresSettingsAndFlagsOverrideIt() throws IOException {
        Path file = Files.write(dir.resolve("node.properties"),
                List.of("id=n3", "resp-port = 9103", "max-key-bytes=100", "max-value-bytes=200"));

        MemberPlan plan = plan("--config", file.toString(), "--max-value-bytes", "300");

        assertEquals(List.of(new RespFrontEnd(9103, new KvLimits(100, 300))), plan.application().frontEnds());
    }

    private static MemberPlan plan(String... args) {
        KvServerCommand command = new KvServerCommand();
        new CommandLine(command).parseArgs(args);
        return command.plan();
    }

    private static String refusal(String... args) {
        return assertThrows(ParameterException.class, () -> plan(args)).getMessage();
    }
}
