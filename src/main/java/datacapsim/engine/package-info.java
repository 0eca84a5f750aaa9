/**
 * The MASON model: clock, phases in fixed order, named random streams, invariants.
 */
package datacapsim.engine;
