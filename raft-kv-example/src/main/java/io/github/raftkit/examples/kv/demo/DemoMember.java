package io.github.raftkit.examples.kv.demo;

import io.github.raftkit.api.Endpoint;

/** A member's name and its three ports on loopback: Raft (and RaftClient), HTTP admin, Redis protocol. */
record DemoMember(String id, int raftPort, int httpPort, int respPort) {
    static final String HOST = "127.0.0.1";

    Endpoint raftEndpoint() {
        return new Endpoint(HOST, raftPort);
    }
}
