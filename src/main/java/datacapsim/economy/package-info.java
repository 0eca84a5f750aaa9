/**
 * The economy around the chain (economics.md): prices ({@code FilPrice}), the provider cost kinds with their defaults
 * and ranges ({@code CostKind}), valuation of an option over its life ({@code Valuation}: NPV with a continuous
 * discount, annualised ROI), the one choice mechanism every decision uses ({@code Logit}: quantal response with
 * inertia, each choice recorded with the values it saw) and agentFIL's hurdle/ramp onboarding rule
 * ({@code HurdleRamp}). Books are in US dollars as {@code double}: estimates beside the exact FIL of the chain, never
 * a chain balance. Imports nothing of the project; agents and the layers above use it.
 */
package datacapsim.economy;
