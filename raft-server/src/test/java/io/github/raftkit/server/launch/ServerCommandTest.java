package io.github.raftkit.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.server.register.Register;
import io.github.raftkit.server.register.RegisterMain;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

class ServerCommandTest {
    @TempDir
    Path dir;

    @Test
    void anIdAloneGivesTheLocalThreeMemberCluster() {
        NodeSettings settings = plan("--id", "n2").settings();

        assertEquals(List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3")), List.copyOf(settings.peers().ids()));
        assertEquals(Endpoint.parse("127.0.0.1:7003"), settings.peers().endpoint(NodeId.of("n3")));
        assertEquals(Path.of("data", "n2"), settings.dataDir());
        assertEquals(8082, settings.httpPort());
        assertEquals(GroupId.DEFAULT, settings.group());
    }

    @Test
    void theNamedProvidersStateMachineRunsWithNoFrontEnd() {
        Application application = plan("--id", "n1").application();

        assertTrue(application.stateMachine().get() instanceof Register);
        assertEquals(List.of(), application.frontEnds());
    }

    @Test
    void aProviderThatIsNotOnTheClassPathIsAUsageErrorListingTheOnesThatAre() {
        ServerCommand command = new Misnamed();
        new CommandLine(command).parseArgs("--id", "n1");

        String refusal = assertThrows(ParameterException.class, command::plan).getMessage();

        assertTrue(refusal.startsWith("state machine 'lock': no StateMachineProvider of that name is on the class path;"
                + " found [register (" + Register.Provider.class.getName() + ")]"), refusal);
    }

    @Test
    void theMemberRunsOverNettyAndFilesWithThePropertiesPassedThrough() {
        RaftConfig config = plan("--id", "n1", "--data-dir", dir.toString(),
                "--property", "netty.ioThreads=2", "--property", "file.segment.bytes=1048576").settings().raftConfig();

        assertEquals(Optional.of("netty"), config.transport());
        assertEquals(Optional.of("file"), config.logStore());
        assertEquals(Optional.of(dir), config.dataDir());
        assertEquals("2", config.properties().get("netty.ioThreads"));
        assertEquals("1048576", config.properties().get("file.segment.bytes"));
    }

    @Test
    void defaultPortsFollowTheMembersPositionInPeersOnItsOwnHost() {
        NodeSettings settings = plan("--id", "b", "--peers", "a=10.0.0.1:9000,b=10.0.0.2:9000").settings();

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
        assertEquals("--http-port must be 1..65535, got 0", refusal("--id", "n1", "--http-port", "0"));
    }

    @Test
    void anExamplesOwnPortDefaultsByPositionAndMayNotCollide() {
        assertEquals(List.of(new Front(6002)), plan(new WithFrontEnd(), "--id", "n2").application().frontEnds());
        assertEquals("--front-port and --http-port are both 9000",
                refusal(new WithFrontEnd(), "--id", "n1", "--http-port", "9000", "--front-port", "9000"));
        assertEquals("--front-port 7003 is the Raft port of n3 (127.0.0.1:7003)",
                refusal(new WithFrontEnd(), "--id", "n1", "--front-port", "7003"));
    }

    @Test
    void aConfigFileSuppliesSettingsAndFlagsOverrideIt() throws IOException {
        Path file = config("id=n3", "http-port=9003", "data-dir=/var/lib/x", "netty.ioThreads=2", "# a comment");

        NodeSettings settings = plan("--config", file.toString(), "--http-port", "9999",
                "--property", "file.segment.bytes=1048576").settings();

        assertEquals(NodeId.of("n3"), settings.node());
        assertEquals(Path.of("/var/lib/x"), settings.dataDir());
        assertEquals(9999, settings.httpPort());
        assertEquals(Map.of("netty.ioThreads", "2", "file.segment.bytes", "1048576"), settings.properties());
    }

    @Test
    void anExamplesOwnFlagsAreKeysOfTheConfigFileToo() throws IOException {
        Path file = config("id=n1", "front-port=9100");

        assertEquals(List.of(new Front(9100)),
                plan(new WithFrontEnd(), "--config", file.toString()).application().frontEnds());
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

    @Test
    void theUsageShowsTheExamplesDescriptionAndTheSharedFooter() {
        StringWriter out = new StringWriter();

        assertEquals(0, RegisterMain.commandLine().setOut(new PrintWriter(out, true)).execute("server", "--help"));

        String usage = out.toString();
        assertTrue(usage.contains("Runs one member of the replicated register."), usage);
        assertTrue(usage.contains("--http-port 8080+i (n1: 8081)"), usage);
        assertTrue(usage.contains("Exit status:"), usage);
    }

    @Test
    void aServerOutsideItsPeersEndsWithTheUsageStatus() {
        StringWriter err = new StringWriter();

        assertEquals(2, RegisterMain.commandLine().setErr(new PrintWriter(err, true)).execute("server", "--id", "n9"));
        assertTrue(err.toString().startsWith("--id n9 is not one of --peers [n1, n2, n3]"), err.toString());
    }

    private Path config(String... lines) throws IOException {
        return Files.write(dir.resolve("node.properties"), List.of(lines));
    }

    private static MemberPlan plan(String... args) {
        return plan(new RegisterMain.Server(), args);
    }

    private static MemberPlan plan(ServerCommand command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command.plan();
    }

    private static String refusal(String... args) {
        return refusal(new RegisterMain.Server(), args);
    }

    private static String refusal(ServerCommand command, String... args) {
        return assertThrows(ParameterException.class, () -> plan(command, args)).getMessage();
    }

    /** A server whose state machine's provider is missing from the class path. */
    @Command(name = "server")
    static final class Misnamed extends ServerCommand {
        Misnamed() {
            super("lock");
        }
    }

    /** An example's front end that is nothing but the port it was given. */
    record Front(int port) implements FrontEnd {
        @Override
        public AutoCloseable start(NodeSettings settings, RaftServer server, MeterRegistry registry) {
            return () -> { };
        }
    }

    /** A server with a port of its own, as the key-value store has for the Redis protocol. */
    @Command(name = "server")
    static final class WithFrontEnd extends ServerCommand {
        @Option(names = "--front-port")
        Integer frontPort;

        WithFrontEnd() {
            super("register");
        }

        @Override
        protected Application application(MemberPorts ports) {
            return new Application(Register::new, List.of(new Front(ports.claim("--front-port", frontPort, 6000))));
        }
    }
}
