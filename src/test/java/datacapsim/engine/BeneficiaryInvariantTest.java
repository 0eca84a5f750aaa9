package datacapsim.engine;

import static org.junit.jupiter.api.Assertions.*;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;
import datacapsim.chain.ChainFixture;
import datacapsim.chain.Fil;
import datacapsim.contracts.Beneficiary;
import datacapsim.contracts.BeneficiaryFactory;
import datacapsim.contracts.EventLog;
import datacapsim.contracts.SlaClientView;
import datacapsim.contracts.SlaRegistryLookup;
import datacapsim.contracts.SlaScorer;
import datacapsim.contracts.Variant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Beneficiary branch of the invariants fires: FIL that reached a Beneficiary other than by a miner withdrawal. */
class BeneficiaryInvariantTest {
    @Test
    void aReceiptThatNoMinerPaidIsAViolation() {
        Chain c = ChainFixture.chain();
        EventLog ev = new EventLog(c, 0);
        Address admin = c.newAccount();
        Address provider = c.newAccount();
        SlaRegistryLookup lookup = new SlaRegistryLookup() {
            final Address a = c.newAccount();
            public Address address() { return a; }
            public SlaScorer registryFor(Address client, Address p) { return null; }
        };
        SlaClientView noClients = new SlaClientView() {
            final Address a = c.newAccount();
            public Address address() { return a; }
            public List<Address> clientsOf(Address p) { return List.of(); }
            public long activeDataSize(Address client, Address p) { return 0; }
        };
        BeneficiaryFactory factory = new BeneficiaryFactory(c, ev, Variant.DESIGNED, admin, lookup);
        Beneficiary b = factory.create(admin, admin, admin, provider, noClients);
        Deployment contracts = new Deployment.Sla(null, null, factory, null, null, null);
        List<String> out = new ArrayList<>();
        Invariants.contracts(c, contracts, out);
        assertEquals(List.of(), out, "fresh books balance");

        Address stranger = c.newAccount();
        c.fil().endow(stranger, Fil.fil(10));
        c.send(stranger, b.address(), Fil.fil(3)); // the Beneficiary splits any receipt, but no miner paid this one
        assertEquals(Fil.fil(3), b.received());
        Invariants.contracts(c, contracts, out);
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("miners paid Beneficiary " + b.address() + " 0 but it received 3000000000000000000"), out.get(0));
    }
}
