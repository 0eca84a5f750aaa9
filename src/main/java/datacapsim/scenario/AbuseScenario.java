package datacapsim.scenario;

/**
 * Abusive populations and the controls against them, for the allocator-based designs (direct, meta-allocator,
 * client-contract, onramp): sybil clients (one owner, many addresses), self-dealing providers and the clients they own
 * or pay, clients colluding with an allocator; allocators that are diligent, lax or colluding; governance audits,
 * compliance sanctions on allocators, OnRamp bans and pauses. Honest clients stay the default population
 * ({@link Scenario#clients()}); every abusive population defaults to zero, so a scenario without an {@code abuse} block
 * runs exactly as before. Every field has a default in {@link #defaults()}.
 */
public record AbuseScenario(
        @Param(doc = "chance that a diligent allocator's due diligence catches an abusive application (caught = rejected)", min = 0, max = 1) Double catchProbability,
        @Param(doc = "share of allocators that are diligent: their due diligence catches abusive applications with catchProbability", min = 0, max = 1, share = "allocatorStance") Double diligentAllocatorShare,
        @Param(doc = "share of allocators that are lax: their due diligence catches abusive applications with laxCatchProbability", min = 0, max = 1, share = "allocatorStance") Double laxAllocatorShare,
        @Param(doc = "chance that a lax (or colluding, towards applicants it does not collude with) allocator catches an abusive application", min = 0, max = 1) Double laxCatchProbability,
        @Param(doc = "share of allocators that collude: they grant their colluding clients without due diligence and ignore governance's flags on them", min = 0, max = 1, share = "allocatorStance") Double colludingAllocatorShare,
        @Param(doc = "chance that due diligence wrongly rejects an honest application (the cost of diligence to honest clients)", min = 0, max = 1) Double falseRejectProbability,
        @Param(doc = "a caught application puts its client on governance's list of identified abusers, which non-colluding allocators check and (onramp) governance bans") Boolean shareCatches,
        @Param(doc = "further allocators a rejected abusive client applies to, one after another", min = 0, max = 100) Integer reapplyAttempts,
        @Param(doc = "sybil owners; each controls sybilAddressesPerOwner client addresses", min = 0, max = 100_000) Integer sybilOwners,
        @Param(doc = "client addresses per sybil owner, each applying separately for DataCap", min = 1, max = 10_000) Integer sybilAddressesPerOwner,
        @Param(doc = "dataset a sybil address applies for (junk data), before replicas", unit = "TiB", min = 0) Dist sybilDatasetTib,
        @Param(doc = "chance that each provider a sybil address lists is one the abusers control (a self-dealing provider) rather than an honest one", min = 0, max = 1) Double sybilControlledProviderShare,
        @Param(doc = "when one sybil address is identified, chance (drawn once per owner) that all the owner's addresses are linked and identified with it", min = 0, max = 1) Double sybilLinkProbability,
        @Param(doc = "providers controlled by abusers, in addition to providers.count; they seal their own clients' allocations like any provider", min = 0, max = 100_000) Integer selfDealingProviders,
        @Param(doc = "sealing throughput of a self-dealing provider", unit = "TiB/day", min = 0) Dist selfDealingSealingTibPerDay,
        @Param(doc = "self-dealing clients, owned by the self-dealing providers in turn (paid by a random honest provider when there are none); each allocates everything to its provider", min = 0, max = 1_000_000) Integer selfDealingClients,
        @Param(doc = "dataset a self-dealing client applies for, before replicas", unit = "TiB", min = 0) Dist selfDealingDatasetTib,
        @Param(doc = "clients colluding with an allocator: each applies to a colluding allocator, which grants it without due diligence", min = 0, max = 1_000_000) Integer colludingClients,
        @Param(doc = "dataset a colluding client applies for, before replicas", unit = "TiB", min = 0) Dist colludingDatasetTib,
        @Param(doc = "chance that each provider a colluding client lists is one the abusers control", min = 0, max = 1) Double colludingControlledProviderShare,
        @Param(doc = "chance, at each governance review, that an audit identifies an abusive client that has received DataCap and is not identified yet", min = 0, max = 1) Double auditProbability,
        @Param(doc = "what governance does at a review to an allocator that granted DataCap to a client identified as abusive since the last review")
                ComplianceAction complianceAction,
        @Param(doc = "tolerance: an allocator with such evidence is sanctioned only when the share of all DataCap it granted that went to clients identified as abusive exceeds this", min = 0, max = 1) Double complianceToleranceShare,
        @Param(doc = "reviews with such evidence after which governance cuts an allocator off for good: takes its allowance back and never tops it up (0 = never; not with complianceAction none)", min = 0, max = 1_000) Integer maxStrikes,
        @Param(doc = "onramp: governance bans (OnRamp.lock) every identified abusive client on every OnRamp, taking back its allowance") Boolean banOnOnramp,
        @Param(doc = "onramp: governance pauses every OnRamp at a review when the share of granted DataCap that went to identified abusers exceeds this (1 = never)", min = 0, max = 1) Double pauseAboveShare,
        @Param(doc = "how long a pause lasts", unit = "days", min = 1, max = 3_650) Integer pauseDays) {

    /**
     * Defaults. All are this project's estimates (no public measurement exists): diligent allocators catch half of
     * abusive applications, lax ones a tenth; every allocator diligent, no false rejections; catches shared with
     * governance (the OnRamp design needs them for bans), two further applications after a rejection; no abusive
     * population (sybil owners 0, each with 10 addresses applying for lognormal(10 TiB, 0.5): small enough per address
     * to pass as an ordinary client; half their providers controlled; half the owners linkable); no self-dealing
     * provider (sealing as the honest default, uniform 0.5–2 TiB/day) or client (lognormal(50 TiB, 1)); no colluding
     * client (lognormal(50 TiB, 1), half controlled providers); audits find 10 % per review; compliance withholds the
     * top-up beyond a 5 % tolerance and cuts an allocator off after 3 strikes; OnRamp bans on; pause off (1); 30-day
     * pauses.
     */
    /** What governance does to an allocator with evidence of abuse: nothing, withhold its top-up, or claw back. */
    public enum ComplianceAction implements Word {
        NONE, WITHHOLD, CLAWBACK;

        @Override public String toString() { return word(); }
    }

    public static AbuseScenario defaults() {
        return new AbuseScenario(0.5, 1.0, 0.0, 0.1, 0.0, 0.0, true, 2,
                0, 10, Dist.lognormal(10, 0.5), 0.5, 0.5,
                0, Dist.uniform(0.5, 2), 0, Dist.lognormal(50, 1.0),
                0, Dist.lognormal(50, 1.0), 0.5,
                0.1, ComplianceAction.WITHHOLD, 0.05, 3, true, 1.0, 30);
    }

    /** Abusive client addresses in all (sybil addresses, self-dealing and colluding clients). */
    public long abusiveClients() {
        return (long) sybilOwners * sybilAddressesPerOwner + selfDealingClients + colludingClients;
    }

    /** True when the scenario has any abusive population (clients or controlled providers). */
    public boolean active() {
        return abusiveClients() > 0 || selfDealingProviders > 0;
    }
}
