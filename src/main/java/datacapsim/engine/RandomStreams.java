package datacapsim.engine;

import ec.util.MersenneTwisterFast;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named random streams, all derived from the run's seed: the same name and seed always give the same stream, so
 * an exogenous series or a population draw stays fixed when another part of the model changes (common random
 * numbers across designs). No stream is ever seeded from the clock. Every stream is declared once, in
 * {@link Stream}: its name is part of its seed, so renaming one changes every result drawn from it.
 */
public final class RandomStreams {
    /** Every stream of a run, with the name its seed is derived from. */
    public enum Stream {
        /** Agents' order within a phase, shuffled each step. */
        ORDER("order"),
        /** Sampled block rewards (Poisson wins). */
        REWARDS("rewards"),
        /** Providers, honest clients' datasets, arrival days, allocators and providers. */
        POPULATION("population"),
        /** Draws agents make while they act (the step view's stream). */
        BEHAVIOUR("behaviour"),
        /** Allocators' due-diligence delays. */
        ALLOCATORS("allocators"),
        /** Abusive populations (self-dealing providers, sybil owners and addresses, self-dealing and colluding clients). */
        ABUSE("abuse"),
        /** Allocators' due diligence towards abusive clients. */
        ABUSE_DILIGENCE("abuse.diligence"),
        /** Governance's compliance audits. */
        ABUSE_AUDIT("abuse.audit"),
        /** Abusive clients' behaviour while they act. */
        ABUSE_BEHAVIOUR("abuse.behaviour"),
        /** Abusive clients' re-applications after a rejection. */
        ABUSE_REAPPLY("abuse.reapply"),
        /** Abusive clients' choices to attack or stay out in behaviour mode economic (one draw per choice). */
        ABUSE_DECISIONS("abuse.decisions"),
        /** SLA design: providers' strategies and qualities, client traits, squatter targets. */
        SLA_POPULATION("sla-population"),
        /** SLA providers while they act. */
        SLA_PROVIDERS("sla-providers"),
        /** SLA clients while they act. */
        SLA_CLIENTS("sla-clients"),
        /** The SLI oracle service (noise, lag, misses, outages). */
        ORACLE("oracle"),
        /** The allocator service (signing errors). */
        ALLOCATOR_SERVICE("allocator-service"),
        /** Providers' cost levels, drawn once per provider in creation order (economics.md §2). */
        ECONOMY("economy"),
        /** Providers' renewal choices in behaviour mode economic (one draw per group of sectors). */
        RENEWALS("economy.renewals"),
        /** Providers' onboarding choices and revisions in behaviour mode economic. */
        ONBOARDING("economy.onboarding"),
        /** Honest clients' retention horizons (one draw per client, in creation order). */
        RETENTION("clients.retention"),
        /** Honest clients' choices of another provider when their own refuse them (behaviour mode economic). */
        CLIENT_OFFERS("clients.offers"),
        /** SLA providers' service-level revisions in behaviour mode economic (one or two draws per revision). */
        SERVICE_LEVEL("economy.service-level"),
        /**
         * SLA providers able to cheat, in behaviour mode economic: their cheating revisions and, while honest, their
         * service-level revisions (one or two draws per revision).
         */
        CHEATING("economy.cheating"),
        /** The FIL price's own path (filPriceModel gbm). */
        FIL_PRICE("fil-price"),
        /** A family: provider i's quality history is stream {@code quality-<i>} ({@link #get(Stream, int)}). */
        QUALITY("quality-");

        private final String name;

        Stream(String name) { this.name = name; }

        /** The name the stream's seed is derived from. */
        public String streamName() { return name; }
    }

    private final long seed;
    private final Map<String, MtfRandom> streams = new TreeMap<>();

    public RandomStreams(long seed) { this.seed = seed; }

    public long seed() { return seed; }

    /** The run's stream {@code s}. */
    public MtfRandom get(Stream s) {
        if (s == Stream.QUALITY) throw new IllegalArgumentException("stream family " + s + " needs an index");
        return named(s.streamName());
    }

    /** Member {@code index} of the stream family {@code s} (e.g. provider 3's quality stream, {@code quality-3}). */
    public MtfRandom get(Stream s, int index) {
        if (s != Stream.QUALITY) throw new IllegalArgumentException("stream " + s + " is not a family");
        return named(s.streamName() + index);
    }

    private MtfRandom named(String name) {
        return streams.computeIfAbsent(name, n -> new MtfRandom(new MersenneTwisterFast(seedFor(seed, n))));
    }

    /** The seed vector of a named stream: the run seed's two halves and a stable hash of the name. */
    static int[] seedFor(long seed, String name) {
        int h = 0x811c9dc5;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x01000193;
        }
        return new int[] {(int) seed, (int) (seed >>> 32), h, 0x5eed};
    }
}
