package io.github.raftkit.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.error.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientContractTest {

    @Test
    void aWriteMustAcknowledgeNothingAtOrAboveItself() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new ClientRequest.Write(GroupId.DEFAULT, 1, 5, 6, new byte[0]));
        assertTrue(refused.getMessage().contains("acknowledgedBelow"), refused.getMessage());
    }

    @Test
    void aForwardedRequestIsNeverForwardedAgain() {
        ClientRequest.Forwarded once = new ClientRequest.Forwarded(new ClientRequest.Register(GroupId.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new ClientRequest.Forwarded(once));
        assertEquals(GroupId.DEFAULT, once.group());
    }

    @Test
    void aClientNeedsAnEndpointAndNamesWhatIsWrong() {
        String missing = assertThrows(ConfigurationException.class, () -> ClientConfig.builder().build())
                .getMessage();
        assertTrue(missing.contains("endpoints"), missing);
        String backoff = assertThrows(ConfigurationException.class, () -> ClientConfig.builder()
                .endpoint(Endpoint.parse("h:1")).backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .getMessage();
        assertTrue(backoff.contains("minBackoff"), backoff);
    }

    @Test
    void onlyErrorsThatAnotherAttemptCanFixAreRetryable() {
        assertTrue(ClientError.NOT_LEADER.retryable() && ClientError.OVERLOADED.retryable());
        assertTrue(!ClientError.SESSION_EXPIRED.retryable() && !ClientError.RESULT_UNAVAILABLE.retryable());
    }
}
