package datacapsim.chain;

import java.util.Map;

/**
 * What the storage market asks of the verified registry regime for a verified deal. The v1 regimes implement it
 * with UseBytes / RestoreBytes; fip45-market with a DataCap transfer into the registry that creates an allocation
 * (and a claim at activation). Every method runs inside the market's transaction: a method that throws an
 * {@link ActorError} at publication drops only that deal, and its partial effects are undone.
 */
public interface VerifiedDealHook {
    /** Allocation id a regime returns when it keeps no allocation (v1: bytes are simply used). */
    long NO_ALLOCATION = 0;

    /**
     * A verified deal is being published: reserve its DataCap. Returns the allocation id it created, or
     * {@link #NO_ALLOCATION}. Throws to drop the deal.
     */
    long onPublish(DealProposal deal);

    /**
     * The batch-level form for one PublishStorageDeals call (fip45-market: one DataCap transfer per client). Returns
     * null (the default) when the regime works deal by deal through {@link #onPublish}.
     */
    default PublishBatch beginPublish() { return null; }

    /** One PublishStorageDeals batch of a regime that reserves DataCap per batch. */
    interface PublishBatch {
        /**
         * Reserves DataCap for one verified deal of the batch, given its new deal id. Throws an {@link ActorError} to
         * drop the deal, leaving the batch's reservations as they were.
         */
        void reserve(long dealId, DealProposal deal);

        /**
         * After the batch's last deal, inside the market's transaction: makes the transfers for what was reserved and
         * returns the allocation id of each reserved deal (deal id → allocation id). Throws to fail the whole batch.
         */
        Map<Long, Long> complete();
    }

    /** A verified deal is being activated in a sector: claim what {@link #onPublish} reserved. Throws to fail. */
    default void onActivate(long dealId, DealProposal deal, long allocationId, long sector, long sectorExpiration) {}

    /** A verified deal timed out (not activated by its start epoch): give back or leave what was reserved. */
    default void onTimeout(long dealId, DealProposal deal, long allocationId) {}

    /** The default until a regime provides one: every verified deal is refused (and dropped from its batch). */
    VerifiedDealHook REFUSE = deal -> {
        throw ActorError.forbidden("market.verified_deals_unsupported",
                "verified deal for client " + deal.client() + " refused: no verified registry regime is wired to "
                        + "the storage market");
    };
}
