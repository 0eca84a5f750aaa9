/**
 * The built-in actors of the simulated chain: verified registry, DataCap token, miner, power, reward; epochs, exact units and transactions. Knows nothing of the layers above it.
 */
package datacapsim.chain;
