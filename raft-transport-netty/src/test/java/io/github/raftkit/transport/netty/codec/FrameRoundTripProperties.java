package io.github.raftkit.transport.netty.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Every frame type (each Raft message, the hello, each client request and reply) encodes and decodes to an equal
 * value, however the bytes are split.
 */
class FrameRoundTripProperties {

    @Property(tries = 2000)
    void everyFrameDecodesToAnEqualValue(@ForAll("frames") Object message) {
        byte[] bytes = Wire.encode(message);
        List<Object> decoded = Wire.decode(bytes);
        assertEquals(1, decoded.size());
        assertTrue(Wire.same(message, decoded.get(0)), () -> message + " came back as " + decoded.get(0));
    }

    @Property(tries = 500)
    void helloDecodesToAnEqualValue(@ForAll("hellos") Hello hello) {
        assertEquals(List.of(hello), Wire.decode(Wire.encode(hello)));
    }

    @Property(tries = 1000)
    void frameSplitAnywhereStillDecodes(@ForAll("frames") Object message, @ForAll @IntRange(max = 1000) int cut) {
        byte[] bytes = Wire.encode(message);
        int at = Math.min(cut, bytes.length);
        List<Object> decoded = Wire.decode(Arrays.copyOfRange(bytes, 0, at), Arrays.copyOfRange(bytes, at, bytes.length));
        assertEquals(1, decoded.size());
        assertTrue(Wire.same(message, decoded.get(0)));
    }

    @Property(tries = 500)
    void frameSizeMatchesTheEncodedLength(@ForAll("frames") Object message) {
        assertEquals(FrameWriter.frameSize(message), Wire.encode(message).length);
    }

    @Provide
    Arbitrary<Object> frames() {
        return Arbitraries.oneOf(MessageArbitraries.messages(), ClientArbitraries.requests(), ClientArbitraries.replies());
    }

    @Provide
    Arbitrary<Hello> hellos() {
        return MessageArbitraries.hellos();
    }
}
