package io.github.raftkit.transport.netty.tls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.transport.netty.Eventually;
import io.github.raftkit.transport.netty.Messages;
import io.github.raftkit.transport.netty.TestCluster;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Members prove themselves to each other with certificates; one without a trusted certificate is not heard. */
class MutualTlsTest {
    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private final TestCluster cluster = new TestCluster(2, Map.of());

    @BeforeAll
    static void makeCertificates() {
        certs = TestCertificates.generate(dir);
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void membersConfiguredFromPemAndFromKeyStoresTalk() {
        var n1 = cluster.start("n1", pem());
        var n2 = cluster.start("n2", keyStores(certs.memberStore()));
        Eventually.await("n1 and n2 exchange messages over TLS", () -> {
            n1.transport().send(Messages.vote("n1", "n2", 1));
            n2.transport().send(Messages.vote("n2", "n1", 1));
            return !n1.inbox().isEmpty() && !n2.inbox().isEmpty();
        });
    }

    @Test
    void peerWithAnUntrustedCertificateIsRefusedAndCounted() {
        var rogue = cluster.start("n1", keyStores(certs.rogueStore()));
        var n2 = cluster.start("n2", pem());
        Eventually.await("n2 refuses the rogue's handshake", () -> {
            rogue.transport().send(Messages.vote("n1", "n2", 1));
            return tlsFailures(n2) >= 1;
        });
        assertTrue(n2.inbox().isEmpty(), "n2 heard the rogue: " + n2.inbox());
    }

    @Test
    void plaintextPeerIsRefusedAndCounted() {
        var plain = cluster.start("n1", Map.of());
        var n2 = cluster.start("n2", pem());
        Eventually.await("n2 refuses the plaintext connection", () -> {
            plain.transport().send(Messages.vote("n1", "n2", 1));
            return tlsFailures(n2) >= 1;
        });
        assertTrue(n2.inbox().isEmpty(), "n2 heard a plaintext peer: " + n2.inbox());
    }

    private static double tlsFailures(TestCluster.Running member) {
        return member.meters().get("raft.transport.tls.failures").counter().count();
    }

    private static Map<String, String> pem() {
        return Map.of("netty.tls.enabled", "true",
                "netty.tls.certificateChain", certs.memberChainPem().toString(),
                "netty.tls.privateKey", certs.memberKeyPem().toString(),
                "netty.tls.trustedCertificates", certs.caPem().toString());
    }

    private static Map<String, String> keyStores(Path identity) {
        return Map.of("netty.tls.enabled", "true",
                "netty.tls.keyStore", identity.toString(),
                "netty.tls.keyStorePassword", TestCertificates.PASSWORD,
                "netty.tls.trustStore", certs.trustStore().toString(),
                "netty.tls.trustStorePassword", TestCertificates.PASSWORD);
    }
}
