package io.github.raftkit.examples.kv.resp;

import io.github.raftkit.core.assembly.RaftClients;
import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.client.KvCluster;
import io.github.raftkit.examples.kv.command.KvLimits;
import java.net.InetSocketAddress;

/**
 * A {@link RespServer} on a free loopback port in front of a 3-member in-JVM cluster. Its client checks values against
 * {@link #MAX_VALUE_BYTES}, so a test can go beyond the store's limit with a small value. Closing it stops all three.
 */
final class RespFixture implements AutoCloseable {
    static final int MAX_VALUE_BYTES = 1_000;

    final KvCluster cluster = new KvCluster();
    final KvClient client;
    final RespServer server;

    RespFixture(RespSettings settings) {
        client = new KvClient(RaftClients.connect(cluster.clientConfig()),
                new KvLimits(KvLimits.DEFAULT.maxKeyBytes(), MAX_VALUE_BYTES));
        server = new RespServer(client, cluster::firstMemberStatus, settings);
        server.start(new InetSocketAddress("127.0.0.1", 0));
    }

    RespTestClient connect() {
        return new RespTestClient(server.port());
    }

    @Override
    public void close() {
        server.close();
        client.close();
        cluster.close();
    }
}
