package datacapsim.economy;

/**
 * agentFIL's onboarding rule, the default special case of the onboarding decision (economics.md §3): onboard nothing
 * below a hurdle ROI, full capacity at or above a full ROI, linearly in between.
 *
 * @param hurdleRoi annualised ROI below which nothing is onboarded (default 0.10 a year)
 * @param fullRoi   annualised ROI at and above which the whole capacity is used (default 0.30 a year)
 */
public record HurdleRamp(double hurdleRoi, double fullRoi) {
    /** agentFIL's defaults: 10 %/yr hurdle, 30 %/yr for full capacity. */
    public static final HurdleRamp AGENTFIL = new HurdleRamp(0.10, 0.30);

    public HurdleRamp {
        if (!(fullRoi > hurdleRoi))
            throw new IllegalArgumentException("full ROI " + fullRoi + " must exceed hurdle " + hurdleRoi);
    }

    /** The share of capacity to onboard at an expected annualised ROI of {@code roi}, 0 to 1. */
    public double share(double roi) {
        if (Double.isNaN(roi)) throw new IllegalArgumentException("ROI is NaN");
        if (roi <= hurdleRoi) return 0;
        if (roi >= fullRoi) return 1;
        return (roi - hurdleRoi) / (fullRoi - hurdleRoi);
    }
}
