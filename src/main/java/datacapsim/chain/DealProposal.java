package datacapsim.chain;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Objects;

/**
 * A storage deal proposal as the market receives it (builtin-actors actors/market/src/deal.rs, DealProposal):
 * client, provider, the piece (data id and padded size in bytes), the deal term [start, end) in epochs, the storage
 * price per epoch and both collaterals in attoFIL, and whether the deal is verified (backed by DataCap).
 */
public record DealProposal(Address client, Address provider, long data, long size, long startEpoch, long endEpoch,
                           BigInteger pricePerEpoch, BigInteger providerCollateral, BigInteger clientCollateral,
                           boolean verified) implements Comparable<DealProposal> {
    private static final Comparator<DealProposal> ORDER = Comparator.comparing(DealProposal::client)
            .thenComparing(DealProposal::provider)
            .thenComparingLong(DealProposal::data)
            .thenComparingLong(DealProposal::size)
            .thenComparingLong(DealProposal::startEpoch)
            .thenComparingLong(DealProposal::endEpoch)
            .thenComparing(DealProposal::pricePerEpoch)
            .thenComparing(DealProposal::providerCollateral)
            .thenComparing(DealProposal::clientCollateral)
            .thenComparing(DealProposal::verified);

    public DealProposal {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(pricePerEpoch, "pricePerEpoch");
        Objects.requireNonNull(providerCollateral, "providerCollateral");
        Objects.requireNonNull(clientCollateral, "clientCollateral");
    }

    /** end − start, in epochs. */
    public long duration() { return endEpoch - startEpoch; }

    /** price per epoch × duration (the real actor's total_storage_fee). */
    public BigInteger totalStorageFee() {
        return pricePerEpoch.multiply(BigInteger.valueOf(duration()));
    }

    /** What the client's escrow must lock: total storage fee + client collateral (client_balance_requirement). */
    public BigInteger clientBalanceRequirement() { return totalStorageFee().add(clientCollateral); }

    /** The deal's space-time, size × duration (the market's deal_weight). */
    public BigInteger weight() { return BigInteger.valueOf(size).multiply(BigInteger.valueOf(duration())); }

    @Override
    public int compareTo(DealProposal o) { return ORDER.compare(this, o); }
}
