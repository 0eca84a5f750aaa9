/**
 * Parameter sweeps: expansion, parallel runs, resume, aggregation. Filled by the sweeps issue.
 */
package datacapsim.sweep;
