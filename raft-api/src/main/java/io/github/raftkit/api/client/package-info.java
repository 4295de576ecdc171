/**
 * The client side of a cluster: {@link io.github.raftkit.api.client.RaftClient} and its configuration, and the
 * requests and replies that carry a client's commands and queries to members. raftkit-core implements the client;
 * transports carry these records over their own wire format.
 */
package io.github.raftkit.api.client;
