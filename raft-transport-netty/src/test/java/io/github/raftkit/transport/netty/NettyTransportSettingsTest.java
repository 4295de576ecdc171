package io.github.raftkit.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.error.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NettyTransportSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        NettyTransportSettings settings = NettyTransportSettings.defaults();
        assertEquals(16 << 20, settings.maxFrameBytes());
        assertEquals(4096, settings.queueMessages());
        assertEquals(Duration.ofMillis(50), settings.backoffMin());
        assertEquals(Duration.ofSeconds(5), settings.backoffMax());
        assertEquals(IoFlavor.Choice.AUTO, settings.io());
        assertFalse(settings.tls().enabled());
        assertEquals(1024, settings.clientMaxPending());
    }

    @Test
    void keysOfOtherPluginsAreIgnored() {
        NettyTransportSettings settings = NettyTransportSettings.from(Map.of("file.segmentBytes", "1",
                "netty.reconnect.minMillis", "10"));
        assertEquals(Duration.ofMillis(10), settings.backoffMin());
    }

    @Test
    void misspelledKeyIsAnErrorThatListsTheKnownOnes() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> NettyTransportSettings.from(Map.of("netty.maxFrameByte", "100000")));
        assertTrue(e.getMessage().contains("netty.maxFrameByte") && e.getMessage().contains("netty.maxFrameBytes"),
                e.getMessage());
    }

    @Test
    void outOfRangeValueNamesItsKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> NettyTransportSettings.from(Map.of("netty.maxFrameBytes", "100")));
        assertTrue(e.getMessage().contains("netty.maxFrameBytes"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> NettyTransportSettings.from(Map.of("netty.io", "kqueue")));
        assertThrows(ConfigurationException.class,
                () -> NettyTransportSettings.from(Map.of("netty.ioThreads", "many")));
        assertThrows(ConfigurationException.class,
                () -> NettyTransportSettings.from(Map.of("netty.client.maxPending", "0")));
    }

    @Test
    void enabledTlsWithoutMaterialIsAnError() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> NettyTransportSettings.from(Map.of("netty.tls.enabled", "true")));
        assertTrue(e.getMessage().contains("netty.tls.certificateChain"), e.getMessage());
    }
}
