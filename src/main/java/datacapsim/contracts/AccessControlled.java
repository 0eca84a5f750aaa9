package datacapsim.contracts;

import datacapsim.chain.Address;
import datacapsim.chain.Chain;

/**
 * A contract with OpenZeppelin AccessControl: named roles held by accounts, and the public grantRole, revokeRole and
 * renounceRole functions (each emitting RoleGranted / RoleRevoked when it changes something).
 */
public abstract class AccessControlled extends Contract {
    public record RoleGranted(String role, Address account, Address sender) implements ContractEvent {}

    public record RoleRevoked(String role, Address account, Address sender) implements ContractEvent {}

    protected final Roles roles;

    protected AccessControlled(Chain chain, String name, EventLog events) {
        super(chain, name, events);
        this.roles = new Roles(name, chain.journal());
    }

    public boolean hasRole(String role, Address account) { return roles.has(role, account); }

    /** getRoleAdmin(role). */
    public String roleAdmin(String role) { return roles.adminRole(role); }

    /** grantRole(role, account): the caller holds the role's admin role. */
    public void grantRole(Address caller, String role, Address account) {
        run("grantRole", caller, () -> {
            boolean had = roles.has(role, account);
            roles.grant(caller, role, account);
            if (!had) emit(new RoleGranted(role, account, caller));
        });
    }

    /** revokeRole(role, account): the caller holds the role's admin role. */
    public void revokeRole(Address caller, String role, Address account) {
        run("revokeRole", caller, () -> {
            boolean had = roles.has(role, account);
            roles.revoke(caller, role, account);
            if (had) emit(new RoleRevoked(role, account, caller));
        });
    }

    /** renounceRole(role): the caller gives up its own role. */
    public void renounceRole(Address caller, String role) {
        run("renounceRole", caller, () -> {
            boolean had = roles.has(role, caller);
            roles.renounce(caller, role);
            if (had) emit(new RoleRevoked(role, caller, caller));
        });
    }
}
