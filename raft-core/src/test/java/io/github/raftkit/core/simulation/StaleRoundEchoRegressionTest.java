package io.github.raftkit.core.simulation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/**
 * Seed 7788 of the sweep found a stale read. n3 led term 38 and sent appends in its rounds up to 106; one of them
 * arrived late at n2, which by then was in term 51, where n3 led again (rounds near 30). n2 refused the stale append
 * with a response in term 51 that echoed the old round 106. n3 took it as n2 answering its current round 106, so its
 * ReadIndex quorum (n3 itself plus "n2 at round 106") stayed satisfied after n3 was isolated and deposed: it
 * confirmed read 88 at index 545 while the term-53 leader had already acknowledged a write at 564.
 *
 * <p>Fixed by refusals carrying round 0 and by leaders ignoring rounds they never started.
 */
class StaleRoundEchoRegressionTest {

    @Test
    void aRefusalOfAnOlderTermsAppendDoesNotConfirmReadsInTheCurrentTerm() {
        assertDoesNotThrow(() -> new Simulation(7788, SimulationSetup.DEFAULT).run());
    }
}
