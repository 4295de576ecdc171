package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The commands of the beacon application ({@link BeaconStateMachine}), as log entry bytes. */
sealed interface BeaconCommand {
    byte BEACON = 1;
    byte PROBE = 2;

    byte[] encode();

    static BeaconCommand decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte kind = buffer.get();
        if (kind == PROBE) {
            return new Probe(buffer.getLong());
        }
        long term = buffer.getLong();
        long sequence = buffer.getLong();
        byte[] member = new byte[buffer.remaining()];
        buffer.get(member);
        return new Beacon(term, sequence, NodeId.of(new String(member, StandardCharsets.UTF_8)));
    }

    /** "{@code leader} was here": its {@code sequence}th beacon (from 0) of the {@code term} it leads. */
    record Beacon(long term, long sequence, NodeId leader) implements BeaconCommand {
        @Override
        public byte[] encode() {
            byte[] member = leader.value().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + 2 * Long.BYTES + member.length).put(BEACON).putLong(term)
                    .putLong(sequence).put(member).array();
        }
    }

    /** A client's command that changes nothing: the calm's liveness probe. */
    record Probe(long id) implements BeaconCommand {
        @Override
        public byte[] encode() {
            return ByteBuffer.allocate(1 + Long.BYTES).put(PROBE).putLong(id).array();
        }
    }
}
