package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import datacapsim.agents.Provider;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With the FIP-0100 daily fee on, a young miner below the consensus minimum earns no reward yet pays its fee, which
 * becomes debt; a commit must cover the debt before the pledge, so providers send it and keep sealing instead of
 * being refused for insufficient funds ever after.
 */
class FeeDebtTest {
    @Test
    void providersKeepSealingWhileTheirFeeDebtGrows() {
        Simulation s = ProviderBooksTest.run("direct.yaml", List.of("horizonDays=60", "chain.dailyFee=true",
                "chain.terminationFee=true"));
        long sealed = s.providers().stream().mapToLong(Provider::sealed).sum();
        long refused = s.providers().stream().mapToLong(Provider::refusals).sum();
        assertTrue(s.chain().rewardToSimulated().signum() > 0, "miners reached the consensus minimum and earn");
        assertTrue(sealed > 10 * refused, sealed + " sectors sealed, " + refused + " calls refused");
    }
}
