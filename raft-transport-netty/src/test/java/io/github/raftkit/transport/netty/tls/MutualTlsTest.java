package io.github.raftkit.transport.netty.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.spi.ClientTransport;
import io.github.raftkit.transport.netty.Eventually;
import io.github.raftkit.transport.netty.Messages;
import io.github.raftkit.transport.netty.NettyClientTransportProvider;
import io.github.raftkit.transport.netty.TestCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members prove themselves to each other, and clients to members, with certificates; one without a trusted
 * certificate is not heard.
 */
class MutualTlsTest {
    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private final TestCluster cluster = new TestCluster(2, Map.of());
    private final AtomicInteger served = new AtomicInteger();

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

    @Test
    void clientWithATrustedCertificateIsServed() {
        cluster.start("n1", certs.pemSettings(), this::serve);
        try (ClientTransport client = new NettyClientTransportProvider().create(certs.storeSettings(
                certs.memberStore()))) {
            assertEquals(new ClientReply.ReadIndex(9), readBarrier(client).join());
        }
    }

    @Test
    void clientWithAnUntrustedCertificateIsRefusedAndCounted() {
        var member = cluster.start("n1", certs.pemSettings(), this::serve);
        try (ClientTransport rogue = new NettyClientTransportProvider().create(certs.storeSettings(
                certs.rogueStore()))) {
            CompletionException failed = assertThrows(CompletionException.class, () -> readBarrier(rogue).join());
            assertInstanceOf(IOException.class, failed.getCause());
        }
        Eventually.await("n1 counts the failed handshake", () -> tlsFailures(member) >= 1);
        assertEquals(0, served.get(), "the member served an untrusted client");
    }

    private CompletableFuture<ClientReply> readBarrier(ClientTransport client) {
        return client.call(cluster.endpoint("n1"), new ClientRequest.ReadBarrier(Messages.GROUP),
                Duration.ofSeconds(20));
    }

    private CompletableFuture<ClientReply> serve(ClientRequest request) {
        served.incrementAndGet();
        return CompletableFuture.completedFuture(new ClientReply.ReadIndex(9));
    }
    private static double tlsFailures(TestCluster.Running member) {
        return member.meters().get("raft.transport.tls.failures").counter().count();
    }

    private static Map<String, String> pem() {
        return certs.pemSettings();
    }

    private static Map<String, String> keyStores(Path identity) {
        return certs.storeSettings(identity);
    }
}
