package io.github.raftkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MembershipTest {

    @Test
    void aMajorityIsAQuorum() {
        assertEquals(1, Membership.builder().add("n1", "h:1").build().quorumSize());
        assertEquals(2, Membership.builder().add("n1", "h:1").add("n2", "h:2").add("n3", "h:3").build().quorumSize());
        assertEquals(3, Membership.builder().add("n1", "h:1").add("n2", "h:2").add("n3", "h:3").add("n4", "h:4")
                .build().quorumSize());
    }

    @Test
    void emptyMembershipIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Membership(Map.of()));
        assertTrue(e.getMessage().contains("empty"));
    }

    @Test
    void aMemberListedTwiceIsRefused() {
        var builder = Membership.builder().add("n1", "h:1");
        var e = assertThrows(IllegalArgumentException.class, () -> builder.add("n1", "h:2"));
        assertTrue(e.getMessage().contains("n1"));
    }

    @Test
    void twoMembersOnOneEndpointAreRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Membership.builder().add("n1", "h:1").add("n2", "h:1").build());
        assertTrue(e.getMessage().contains("n1") && e.getMessage().contains("n2"), e.getMessage());
    }

    @Test
    void endpointsParseHostsAndBracketedIpv6() {
        assertEquals(new Endpoint("127.0.0.1", 7001), Endpoint.parse("127.0.0.1:7001"));
        assertEquals(new Endpoint("::1", 7001), Endpoint.parse("[::1]:7001"));
        assertEquals("[::1]:7001", Endpoint.parse("[::1]:7001").toString());
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("nohost"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("h:notaport"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("h:70000"));
    }

    @Test
    void nodeIdsAreBoundedAndWithoutWhitespace() {
        assertThrows(IllegalArgumentException.class, () -> NodeId.of(""));
        assertThrows(IllegalArgumentException.class, () -> NodeId.of("a b"));
        assertThrows(IllegalArgumentException.class, () -> NodeId.of("x".repeat(NodeId.MAX_LENGTH + 1)));
    }
}
