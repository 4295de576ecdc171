package io.github.raftkit.core.memory;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.spi.ClientHandler;
import io.github.raftkit.api.spi.Transport;
import io.github.raftkit.api.spi.TransportContext;
import java.util.function.Consumer;

/**
 * One member's attachment to the {@link MemoryNetwork}. {@link #send} may be called from any thread; a message to a
 * member outside the membership, or sent after {@link #close}, is dropped and counted like any undeliverable one.
 */
final class MemoryTransport implements Transport {
    private final TransportContext context;
    private final Endpoint self;
    private volatile MemoryNetwork.Listener listener;
    private volatile boolean closed;

    MemoryTransport(TransportContext context) {
        this.context = context;
        this.self = context.membership().endpoint(context.self());
    }

    @Override
    public void start(Consumer<RaftMessage> inbound, ClientHandler clients) {
        MemoryNetwork.Listener listening = new MemoryNetwork.Listener(inbound, clients);
        MemoryNetwork.listen(self, listening);
        this.listener = listening;
    }

    @Override
    public void send(RaftMessage message) {
        Endpoint to = context.membership().members().get(message.to());
        if (closed || to == null) {
            MemoryNetwork.drop();
        } else {
            MemoryNetwork.deliver(to, message);
        }
    }

    @Override
    public void close() {
        closed = true;
        MemoryNetwork.Listener listening = listener;
        if (listening != null) {
            MemoryNetwork.unlisten(self, listening);
        }
    }
}
