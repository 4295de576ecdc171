package io.github.raftkit.transport.netty.codec;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.client.ClientError;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of every client request and reply kind, with texts in several scripts and payloads up to 8 KiB. */
final class ClientArbitraries {
    private ClientArbitraries() {
    }

    /** Any request frame, each kind about equally often; a forwarded one wraps any plain kind. */
    static Arbitrary<ClientRequestFrame> requests() {
        Arbitrary<ClientRequest> plain = Arbitraries.oneOf(registers(), writes(), reads(), barriers());
        Arbitrary<ClientRequest> any = Arbitraries.oneOf(plain, plain.map(ClientRequest.Forwarded::new));
        return Combinators.combine(Arbitraries.longs(), any).as(ClientRequestFrame::new);
    }

    /** Any reply frame, each kind about equally often. */
    static Arbitrary<ClientReplyFrame> replies() {
        Arbitrary<ClientReply> any = Arbitraries.oneOf(
                payloads().map(ClientReply.Result::new),
                Arbitraries.longs().between(1, Long.MAX_VALUE).map(ClientReply.Registered::new),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(ClientReply.ReadIndex::new),
                rejections());
        return Combinators.combine(Arbitraries.longs(), any).as(ClientReplyFrame::new);
    }

    private static Arbitrary<GroupId> groups() {
        return Arbitraries.strings().alpha().numeric().withChars('-', '_', 'é', 'ж', '中')
                .ofMinLength(1).ofMaxLength(NodeId.MAX_LENGTH).map(GroupId::of);
    }

    private static Arbitrary<byte[]> payloads() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(8192);
    }

    private static Arbitrary<ClientRequest> registers() {
        return groups().map(ClientRequest.Register::new);
    }

    private static Arbitrary<ClientRequest> writes() {
        Arbitrary<long[]> sequenceAndAcknowledged = Arbitraries.longs().between(1, Long.MAX_VALUE)
                .flatMap(sequence -> Arbitraries.longs().between(1, sequence).map(ack -> new long[] {sequence, ack}));
        return Combinators.combine(groups(), Arbitraries.longs().between(1, Long.MAX_VALUE), sequenceAndAcknowledged,
                        payloads())
                .as((group, client, numbers, command) -> new ClientRequest.Write(group, client, numbers[0], numbers[1],
                        command));
    }

    private static Arbitrary<ClientRequest> reads() {
        return Combinators.combine(groups(), Arbitraries.of(ReadConsistency.class), payloads(),
                        Arbitraries.longs().between(0, ClientRequest.Read.MAX_WAIT.toMillis()).map(Duration::ofMillis))
                .as(ClientRequest.Read::new);
    }

    private static Arbitrary<ClientRequest> barriers() {
        return groups().map(ClientRequest.ReadBarrier::new);
    }

    private static Arbitrary<ClientReply> rejections() {
        Arbitrary<String> messages = Arbitraries.strings().withChars('a', 'z').withChars('é', 'ж', '中', ' ')
                .ofMaxLength(ClientFrameWriter.MAX_MESSAGE_CHARS);
        Arbitrary<Optional<Endpoint>> leaders = Combinators.combine(
                        Arbitraries.of("127.0.0.1", "::1", "node-1.example.org", "ноды.example"),
                        Arbitraries.integers().between(1, 65_535))
                .as(Endpoint::new).optional();
        return Combinators.combine(Arbitraries.of(ClientError.class), messages, leaders).as(ClientReply.Rejected::new);
    }
}
