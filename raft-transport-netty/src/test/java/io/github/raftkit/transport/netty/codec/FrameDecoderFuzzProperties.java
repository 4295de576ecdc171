package io.github.raftkit.transport.netty.codec;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Generated hostile input (12,000 tries in all): whatever arrives, the decoder either yields values or refuses with
 * {@link MalformedFrameException}; any other exception, or a buffer left unreleased, is a bug.
 */
class FrameDecoderFuzzProperties {

    @Property(tries = 4000)
    void randomBytesAreDecodedOrRefused(@ForAll @Size(max = 256) byte[] garbage) {
        decodeOrRefuse(garbage);
    }

    @Property(tries = 4000)
    void randomBytesAfterAValidHeaderAreDecodedOrRefused(@ForAll("types") int type,
                                                         @ForAll @Size(max = 512) byte[] body) {
        byte[] header = Wire.header(type, body.length);
        byte[] frame = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, frame, header.length, body.length);
        decodeOrRefuse(frame);
    }

    @Property(tries = 4000)
    void mutatedValidFramesAreDecodedOrRefused(@ForAll("frames") Object message,
                                               @ForAll @IntRange(max = 10_000) int position,
                                               @ForAll byte value, @ForAll @IntRange(max = 2) int mutation) {
        byte[] frame = Wire.encode(message);
        int at = position % frame.length;
        switch (mutation) {
            case 0 -> frame[at] = value;
            case 1 -> frame = Arrays.copyOf(frame, at);
            default -> {
                frame = Arrays.copyOf(frame, frame.length + 1);
                frame[frame.length - 1] = value;
            }
        }
        decodeOrRefuse(frame);
    }

    private static void decodeOrRefuse(byte[] input) {
        try {
            Wire.decode(input);
        } catch (MalformedFrameException expected) {
            // Refused with a reason: the outcome a hostile input should get.
        }
    }

    @Provide
    Arbitrary<Integer> types() {
        return Arbitraries.oneOf(Arbitraries.of(FrameType.values()).map(FrameType::code),
                Arbitraries.integers().between(0, 255));
    }

    @Provide
    Arbitrary<Object> frames() {
        return Arbitraries.oneOf(MessageArbitraries.messages(), ClientArbitraries.requests(), ClientArbitraries.replies());
    }
}
