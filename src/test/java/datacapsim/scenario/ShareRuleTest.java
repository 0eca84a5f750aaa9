package datacapsim.scenario;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** {@code @Param(share = ...)}: fields of one record in one share group must sum to 1 within 1e-9. */
class ShareRuleTest {
    record Mix(
            @Param(doc = "a", min = 0, max = 1, share = "kind") Double a,
            @Param(doc = "b", min = 0, max = 1, share = "kind") Double b,
            @Param(doc = "c", min = 0, max = 1, share = "other") Double c,
            @Param(doc = "not a share", min = 0, max = 1) Double d) {}

    @Test
    void sharesSummingToOneWithinToleranceAreAccepted() {
        assertNull(Validator.shareProblem(new Mix(0.25, 0.75, 1.0, 0.3)));
        assertNull(Validator.shareProblem(new Mix(0.1, 0.9 + 5e-10, 1.0, 0.0)));
        assertNull(Validator.shareProblem(new Mix(1.0, null, 1.0, 0.0)), "an unset share counts 0");
    }

    @Test
    void sharesNotSummingToOneAreNamedWithTheirSum() {
        Validator.ShareProblem p = Validator.shareProblem(new Mix(0.5, 0.6, 1.0, 0.0));
        assertNotNull(p);
        assertEquals("kind", p.group());
        assertEquals("a", p.firstKey());
        assertEquals("1.1", p.sum());
        assertTrue(p.problem().contains("a 0.5 + b 0.6 = 1.1"), p.problem());
        p = Validator.shareProblem(new Mix(0.5, 0.5, 0.9, 0.0));
        assertEquals("other", p.group());
        assertNotNull(Validator.shareProblem(new Mix(0.5, 0.5 + 2e-9, 1.0, 0.0)), "outside 1e-9");
    }
}
