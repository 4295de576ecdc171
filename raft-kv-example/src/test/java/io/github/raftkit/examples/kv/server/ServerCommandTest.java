package io.github.raftkit.examples.kv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.examples.kv.command.KvLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ServerCommandTest {
    @TempDir
    Path dir;

    @Test
    void anIdAloneGivesTheLocalThreeMemberCluster() {
        NodeSettings settings = settings("--id", "n2");

        assertEquals(List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3")), List.copyOf(settings.peers().ids()));
        assertEquals(Endpoint.parse("127.0.0.1:7003"), settings.peers().endpoint(NodeId.of("n3")));
        assertEquals(Path.of("data", "n2"), settings.dataDir());
        assertEquals(6382, settings.respPort());
        assertEquals(8082, settings.httpPort());
        assertEquals(GroupId.DEFAULT, settings.group());
        assertEquals(KvLimits.DEFAULT, settings.limits());
    }

    @Test
    void theMemberRunsOverNettyAndFilesWithThePropertiesPassedThrough() {
        RaftConfig config = settings("--id", "n1", "--data-dir", dir.toString(),
                "--property", "netty.ioThreads=2", "--property", "file.segment.bytes=1048576").raftConfig();

        assertEquals(Optional.of("netty"), config.transport());
        assertEquals(Optional.of("file"), config.logStore());
        assertEquals(Optional.of(dir), config.dataDir());
        assertEquals("2", config.properties().get("netty.ioThreads"));
        assertEquals("1048576", config.properties().get("file.segment.bytes"));
    }

    @Test
    void defaultPortsFollowTheMembersPositionInPeersOnItsOwnHost() {
        NodeSettings settings = settings("--id", "b", "--peers", "a=10.0.0.1:9000,b=10.0.0.2:9000");

        assertEquals(8082, settings.httpPort());
        assertEquals("10.0.0.2", settings.httpAddress().getHostString());
    }

    @Test
    void aMissingIdIsAUsageErrorSayingWhatItIs() {
        assertTrue(refusal("--http-port", "9000").startsWith("--id is required"));
    }

    @Test
    void anIdOutsideThePeersIsRefusedNamingThePeers() {
        assertEquals("--id n4 is not one of --peers [n1, n2, n3]", refusal("--id", "n4"));
    }

    @Test
    void aMalformedPeerListIsQuoted() {
        assertEquals("--peers: each peer is ID=HOST:PORT, got 'n2'",
                refusal("--id", "n1", "--peers", "n1=127.0.0.1:7001,n2"));
        assertEquals("--peers: members n1 and n2 share the endpoint 127.0.0.1:7001",
                refusal("--id", "n1", "--peers", "n1=127.0.0.1:7001,n2=127.0.0.1:7001"));
    }

    @Test
    void portsThatCollideOnTheMembersHostAreRefused() {
        assertEquals("--http-port 7002 is the Raft port of n2 (127.0.0.1:7002)",
                refusal("--id", "n1", "--http-port", "7002"));
        assertEquals("--resp-port and --http-port are both 9000",
                refusal("--id", "n1", "--http-port", "9000", "--resp-port", "9000"));
        assertEquals("--resp-port must be 1..65535, got 70000", refusal("--id", "n1", "--resp-port", "70000"));
    }

    @Test
    void limitsTheStoreCannotKeepAreRefused() {
        String refusal = refusal("--id", "n1", "--max-value-bytes", "10");

        assertTrue(refusal.startsWith("--max-key-bytes/--max-value-bytes: "), refusal);
        assertTrue(refusal.contains("maxValueBytes at least 20"), refusal);
    }

    @Test
    void aConfigFileSuppliesSettingsAndFlagsOverrideIt() throws IOException {
        Path file = config("id=n3", "resp-port = 9103", "http-port=9003", "netty.ioThreads=2", "# a comment");

        NodeSettings settings = settings("--config", file.toString(), "--http-port", "9999",
                "--property", "file.segment.bytes=1048576");

        assertEquals(NodeId.of("n3"), settings.node());
        assertEquals(9103, settings.respPort());
        assertEquals(9999, settings.httpPort());
        assertEquals(Map.of("netty.ioThreads", "2", "file.segment.bytes", "1048576"), settings.properties());
    }

    @Test
    void anUnknownKeyInTheConfigFileIsNamedWithTheKnownOnes() throws IOException {
        Path file = config("id=n1", "htp-port=9000");

        String refusal = refusal("--config", file.toString());

        assertTrue(refusal.startsWith("config file " + file + ": unknown key 'htp-port'; keys are ["), refusal);
        assertTrue(refusal.contains("http-port"), refusal);
    }

    @Test
    void aBadValueInTheConfigFileNamesTheFileAndTheSetting() throws IOException {
        Path file = config("id=n1", "http-port=eighty");

        String refusal = refusal("--config", file.toString());

        assertTrue(refusal.startsWith("config file " + file + ": "), refusal);
        assertTrue(refusal.contains("--http-port") && refusal.contains("eighty"), refusal);
    }

    @Test
    void aMissingConfigFileIsNamed() {
        Path file = dir.resolve("absent.properties");

        assertTrue(refusal("--config", file.toString()).startsWith("cannot read config file " + file));
    }

    private Path config(String... lines) throws IOException {
        return Files.write(dir.resolve("node.properties"), List.of(lines));
    }

    private static NodeSettings settings(String... args) {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    private static String refusal(String... args) {
        return assertThrows(ParameterException.class, () -> settings(args)).getMessage();
    }
}
