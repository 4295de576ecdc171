package io.github.raftkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.error.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RaftConfigTest {
    private static final Membership THREE = Membership.builder()
            .add("n1", "127.0.0.1:7001").add("n2", "127.0.0.1:7002").add("n3", "127.0.0.1:7003").build();

    private static RaftConfig.Builder valid() {
        return RaftConfig.builder().node("n1").membership(THREE);
    }

    private static String problem(RaftConfig.Builder builder) {
        return assertThrows(ConfigurationException.class, builder::build).getMessage();
    }

    @Test
    void defaultsAreValidAndConvertToTicks() {
        RaftConfig config = valid().build();
        assertEquals(5, config.ticks(config.heartbeatInterval()));
        assertEquals(50, config.ticks(config.electionTimeoutMin()));
        assertEquals(100, config.ticks(config.electionTimeoutMax()));
        assertEquals(GroupId.DEFAULT, config.group());
    }

    @Test
    void ticksRoundUp() {
        RaftConfig config = valid().tickInterval(Duration.ofMillis(30)).build();
        assertEquals(2, config.ticks(Duration.ofMillis(50)));
    }

    @Test
    void heartbeatMustBeWellBelowTheElectionTimeout() {
        String message = problem(valid().heartbeatInterval(Duration.ofMillis(200)));
        assertTrue(message.contains("heartbeatInterval"), message);
        assertTrue(message.contains("electionTimeoutMin"), message);
    }

    @Test
    void electionTimeoutsMustLeaveRoomForRandomization() {
        String message = problem(valid().electionTimeout(Duration.ofMillis(500), Duration.ofMillis(500)));
        assertTrue(message.contains("electionTimeoutMax"), message);
    }

    @Test
    void theLeaseDriftMarginDefaultsToATenthOfTheElectionTimeoutAndMustLeaveALease() {
        assertEquals(Duration.ofMillis(50), valid().build().leaseDriftMargin());
        String message = problem(valid().leaseDriftMargin(Duration.ofMillis(495)));
        assertTrue(message.contains("leaseDriftMargin"), message);
    }

    @Test
    void sessionPolicyLimitsAreNamed() {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> new SessionPolicy(Duration.ofMinutes(1), 0, 10, 10));
        assertTrue(refused.getMessage().contains("sessions.maxSessions"), refused.getMessage());
    }

    @Test
    void theTickMustNotExceedTheHeartbeat() {
        String message = problem(valid().tickInterval(Duration.ofMillis(100)));
        assertTrue(message.contains("tickInterval"), message);
    }

    @Test
    void theNodeMustBeAMember() {
        String message = problem(valid().node("n9"));
        assertTrue(message.contains("membership") && message.contains("n9"), message);
    }

    @Test
    void missingFieldsAreNamed() {
        assertTrue(problem(RaftConfig.builder().membership(THREE)).contains("node"));
        assertTrue(problem(RaftConfig.builder().node("n1")).contains("membership"));
    }

    @Test
    void limitsMustBePositive() {
        assertTrue(problem(valid().maxInflightAppends(0)).contains("maxInflightAppends"));
        assertTrue(problem(valid().maxPendingProposals(-1)).contains("maxPendingProposals"));
        assertTrue(problem(valid().maxEntriesPerAppend(0)).contains("maxEntriesPerAppend"));
        assertTrue(problem(valid().requestTimeout(Duration.ZERO)).contains("requestTimeout"));
    }

    @Test
    void blankProviderNamesAreRefused() {
        assertTrue(problem(valid().transport(" ")).contains("transport"));
    }

    @Test
    void toBuilderKeepsEverySetting() {
        RaftConfig config = valid().preVote(false).storage("file").property("k", "v").build();
        assertEquals(config, config.toBuilder().build());
    }
}
