package datacapsim.contracts;

import datacapsim.chain.Address;
import datacapsim.chain.JMap;
import datacapsim.chain.Journal;

/**
 * OpenZeppelin-style access control: accounts hold named roles; each role's admin role may grant and revoke it
 * (by default DEFAULT_ADMIN_ROLE). A missing role reverts with {@code AccessControlUnauthorizedAccount(account, role)}.
 */
public final class Roles {
    public static final String DEFAULT_ADMIN = "DEFAULT_ADMIN_ROLE";

    record Key(String role, Address account) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = role.compareTo(o.role);
            return c != 0 ? c : account.compareTo(o.account);
        }
    }

    private final String contract;
    private final JMap<Key, Boolean> members;
    private final JMap<String, String> adminOf;

    public Roles(String contract, Journal journal) {
        this.contract = contract;
        this.members = new JMap<>(journal);
        this.adminOf = new JMap<>(journal);
    }

    public boolean has(String role, Address account) { return members.containsKey(new Key(role, account)); }

    public void require(String role, Address account) {
        if (!has(role, account))
            throw new ContractError(contract, "AccessControlUnauthorizedAccount", account + " lacks " + role, account, role);
    }

    public String adminRole(String role) { return adminOf.getOrDefault(role, DEFAULT_ADMIN); }

    /** Sets which role administers {@code role} (inside the contract's own functions). */
    public void setAdminRole(String role, String admin) { adminOf.put(role, admin); }

    /** Grants without a check: for constructors and initializers. */
    public void grantUnchecked(String role, Address account) { members.put(new Key(role, account), Boolean.TRUE); }

    /** grantRole(role, account): the caller must hold the role's admin role. */
    public void grant(Address caller, String role, Address account) {
        require(adminRole(role), caller);
        grantUnchecked(role, account);
    }

    /** revokeRole(role, account): the caller must hold the role's admin role. */
    public void revoke(Address caller, String role, Address account) {
        require(adminRole(role), caller);
        members.remove(new Key(role, account));
    }

    /** renounceRole(role): an account gives up its own role. */
    public void renounce(Address caller, String role) { members.remove(new Key(role, caller)); }
}
