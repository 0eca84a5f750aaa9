/**
 * The built-in actors of the simulated chain: verified registry, DataCap token, miner, power, reward; epochs, exact
 * units (attoFIL, bytes) and journaled transactions that undo a refused call whole. Knows nothing of the layers above.
 */
package datacapsim.chain;
