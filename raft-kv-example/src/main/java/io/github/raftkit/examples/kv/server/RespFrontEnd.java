package io.github.raftkit.examples.kv.server;

import io.github.raftkit.api.RaftServer;
import io.github.raftkit.core.assembly.RaftClients;
import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.command.KvLimits;
import io.github.raftkit.examples.kv.resp.RespServer;
import io.github.raftkit.examples.kv.resp.RespSettings;
import io.github.raftkit.server.launch.FrontEnd;
import io.github.raftkit.server.launch.NodeSettings;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Redis-protocol port of a {@code raft-kv server}: a {@link RespServer} on {@code port} of the member's host, over
 * a {@link KvClient} that reaches its own member in-process first. Closing what {@link #start} returns stops the
 * server, then the client. Threading as {@link FrontEnd} says.
 *
 * @param port where it listens
 * @param limits the store's limits, which the client checks before it sends anything
 */
record RespFrontEnd(int port, KvLimits limits) implements FrontEnd {
    @Override
    public AutoCloseable start(NodeSettings settings, RaftServer server, MeterRegistry registry) {
        KvClient local = new KvClient(RaftClients.inProcess(server, settings.frontEndClientConfig(), registry), limits);
        RespServer resp = new RespServer(local, server::status, RespSettings.DEFAULT);
        try {
            resp.start(settings.address(port));
        } catch (RuntimeException e) {
            resp.close();
            local.close();
            throw e;
        }
        return () -> {
            resp.close();
            local.close();
        };
    }
}
