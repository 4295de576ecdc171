package io.github.raftkit.core.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.error.ConfigurationException;
import io.github.raftkit.api.spi.Transport;
import io.github.raftkit.api.spi.TransportContext;
import io.github.raftkit.api.spi.TransportProvider;
import io.github.raftkit.core.memory.MemoryLogStoreProvider;
import io.github.raftkit.core.memory.MemoryTransportProvider;
import io.github.raftkit.core.runtime.NodePlugins;
import io.github.raftkit.core.runtime.RegisterStateMachine;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which provider a configuration gets, and what it is told when the choice is impossible. */
class ProviderSelectionTest {
    private final TransportProvider memory = new MemoryTransportProvider();
    private final TransportProvider netty = new NamedTransport("netty");

    @Test
    void theOnlyProviderIsChosenWithoutAName() {
        assertSame(memory, select(Optional.empty(), memory));
    }

    @Test
    void aNameChoosesAmongSeveralProviders() {
        assertSame(netty, select(Optional.of("netty"), memory, netty));
    }

    @Test
    void anUnknownNameFailsListingTheProvidersFound() {
        String message = failure(Optional.of("tcp"), memory, netty);
        assertTrue(message.contains("transport") && message.contains("'tcp'"), message);
        assertTrue(message.contains("'memory'") && message.contains("'netty'"), message);
    }

    @Test
    void severalProvidersWithoutANameAreAmbiguous() {
        String message = failure(Optional.empty(), memory, netty);
        assertTrue(message.contains("transport is not set"), message);
        assertTrue(message.contains("'memory'") && message.contains("'netty'"), message);
    }

    @Test
    void noProviderAtAllSaysWhereToRegisterOne() {
        String message = failure(Optional.empty());
        assertTrue(message.contains("META-INF/services/" + TransportProvider.class.getName()), message);
    }

    @Test
    void twoProvidersClaimingTheChosenNameAreAmbiguous() {
        String message = failure(Optional.of("netty"), netty, new NamedTransport("netty"));
        assertTrue(message.contains("2 providers claim"), message);
    }

    @Test
    void theClassPathOffersTheMemoryProvidersByDefault() {
        NodePlugins plugins = ProviderSelection.discover(config().build(), getClass().getClassLoader());
        assertEquals("memory", plugins.transport().name());
        assertEquals(MemoryLogStoreProvider.class, plugins.logStore().getClass());
    }

    @Test
    void buildingAServerWithAnUnknownProviderFailsBeforeAnythingStarts() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> RaftServers.create(config().logStore("file").build(), new RegisterStateMachine()));
        assertTrue(error.getMessage().contains("logStore") && error.getMessage().contains("'memory'"),
                error.getMessage());
    }

    private static RaftConfig.Builder config() {
        return RaftConfig.builder().node("n1")
                .membership(Membership.builder().add(NodeId.of("n1"), new Endpoint("selection-test", 1)).build());
    }

    private static TransportProvider select(Optional<String> name, TransportProvider... found) {
        return ProviderSelection.select("transport", TransportProvider.class, name, List.of(found));
    }

    private static String failure(Optional<String> name, TransportProvider... found) {
        return assertThrows(ConfigurationException.class, () -> select(name, found)).getMessage();
    }

    private record NamedTransport(String name) implements TransportProvider {
        @Override
        public Transport create(TransportContext context) {
            throw new UnsupportedOperationException("only chosen, never used");
        }
    }
}
