package datacapsim.contracts;

/** A typed event a contract emits when its state changes. Implementations are records named as the Solidity events. */
public interface ContractEvent {}
