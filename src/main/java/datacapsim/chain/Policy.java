package datacapsim.chain;

/**
 * Mainnet constants of the built-in actors (filecoin-project/builtin-actors, runtime/src/runtime/policy.rs,
 * actors/miner/src/monies.rs, actors/reward/src/logic.rs). Every value is listed with its source in ASSUMPTIONS.md.
 */
public final class Policy {
    private Policy() {}

    public static final long EPOCH_SECONDS = 30;
    public static final long EPOCHS_IN_HOUR = 120;
    public static final long EPOCHS_IN_DAY = 2_880;
    /** The runtime's EPOCHS_IN_YEAR: 365.24219 days of 30 s epochs. */
    public static final long EPOCHS_IN_YEAR = 1_051_897;
    /** 365 days of epochs: the reward actor's year (simple-minting half-life, baseline doubling). */
    public static final long REWARD_EPOCHS_IN_YEAR = 365 * EPOCHS_IN_DAY; // 1,051,200

    public static final long KiB = 1L << 10;
    public static final long MiB = 1L << 20;
    public static final long GiB = 1L << 30;
    public static final long TiB = 1L << 40;
    public static final long PiB = 1L << 50;

    // --- verified registry ---
    public static final long MINIMUM_VERIFIED_ALLOCATION_SIZE = 1_048_576;
    public static final long MINIMUM_VERIFIED_ALLOCATION_TERM = 180 * EPOCHS_IN_DAY;  // 518,400
    public static final long MAXIMUM_VERIFIED_ALLOCATION_TERM = 5 * EPOCHS_IN_YEAR;   // 5,259,485
    public static final long MAXIMUM_VERIFIED_ALLOCATION_EXPIRATION = 60 * EPOCHS_IN_DAY; // 172,800
    public static final long END_OF_LIFE_CLAIM_DROP_PERIOD = 30 * EPOCHS_IN_DAY; // 86,400
    public static final long MARKET_DEFAULT_ALLOCATION_TERM_BUFFER = 90 * EPOCHS_IN_DAY;
    /** DataCap token units per byte of DataCap (the token has 18 decimals). */
    public static final long DATACAP_TOKEN_UNITS_PER_BYTE_EXPONENT = 18;

    // --- miner ---
    public static final long SECTOR_SIZE_32GIB = 32 * GiB;
    public static final long SECTOR_SIZE_64GIB = 64 * GiB;
    public static final long MIN_SECTOR_EXPIRATION = 180 * EPOCHS_IN_DAY;
    public static final long MAX_SECTOR_EXPIRATION_EXTENSION = 1_278 * EPOCHS_IN_DAY;
    public static final long SECTOR_MAXIMUM_LIFETIME = 5 * EPOCHS_IN_YEAR;
    /** QA power = raw + (VERIFIED_QUALITY_MULTIPLIER - 1) x verified bytes. */
    public static final long VERIFIED_QUALITY_MULTIPLIER = 10;

    // reward vesting: 25 % available at once, 75 % vests linearly over 180 days in daily steps
    public static final long LOCKED_REWARD_NUM = 3;
    public static final long LOCKED_REWARD_DENOM = 4;
    public static final long REWARD_VESTING_PERIOD = 180 * EPOCHS_IN_DAY;
    public static final long REWARD_VESTING_STEP = EPOCHS_IN_DAY;

    // initial pledge (FIP-0081)
    public static final long INITIAL_PLEDGE_PROJECTION_PERIOD = 20 * EPOCHS_IN_DAY;
    public static final long LOCK_TARGET_NUM = 3;
    public static final long LOCK_TARGET_DENOM = 10;
    /** FIP-0081 gamma (weight of the baseline-bounded consensus pledge), in parts of 1000, after the ramp. */
    public static final long PLEDGE_GAMMA_PER_MILLE = 700;

    // termination fee (FIP-0098)
    public static final long TERM_FEE_PLEDGE_MULTIPLE_NUM = 85;
    public static final long TERM_FEE_PLEDGE_MULTIPLE_DENOM = 1000;
    public static final long TERM_FEE_MIN_PLEDGE_MULTIPLE_NUM = 2;
    public static final long TERM_FEE_MIN_PLEDGE_MULTIPLE_DENOM = 100;
    public static final long TERMINATION_LIFETIME_CAP_DAYS = 140;
    /** The fee is at least 105 / 100 of the sector's fault fee (monies.rs TERM_FEE_MAX_FAULT_FEE_MULTIPLE). */
    public static final long TERM_FEE_MAX_FAULT_FEE_MULTIPLE_NUM = 105;
    public static final long TERM_FEE_MAX_FAULT_FEE_MULTIPLE_DENOM = 100;
    /** The fault fee is the expected reward over 3.51 days: 2,880 × 351 / 100 = 10,108 epochs (floored). */
    public static final long CONTINUED_FAULT_FACTOR_NUM = 351;
    public static final long CONTINUED_FAULT_FACTOR_DENOM = 100;
    public static final long CONTINUED_FAULT_PROJECTION_PERIOD =
            EPOCHS_IN_DAY * CONTINUED_FAULT_FACTOR_NUM / CONTINUED_FAULT_FACTOR_DENOM;

    // daily fee (FIP-0100): fee per day = k x circulating supply x sector QA power, k = 1.61817e-25 per byte
    public static final long DAILY_FEE_K_NUM = 161_817;
    public static final int DAILY_FEE_K_DENOM_EXP10 = 30;
    /** The daily fee is capped at half of the sector's expected daily block reward. */
    public static final long DAILY_FEE_BR_CAP_NUM = 1;
    public static final long DAILY_FEE_BR_CAP_DENOM = 2;

    // --- power ---
    public static final long MINIMUM_CONSENSUS_POWER = 10 * TiB;
    public static final int CONSENSUS_MINER_MIN_MINERS = 4;

    // --- reward ---
    public static final long EXPECTED_LEADERS_PER_EPOCH = 5;
    public static final long SIMPLE_TOTAL_FIL = 330_000_000L;
    public static final long BASELINE_TOTAL_FIL = 770_000_000L;
    /** Baseline power at genesis: 2.5057 EiB. */
    public static final long BASELINE_INITIAL_VALUE = 2_888_888_880_000_000_000L;
}
