package datacapsim.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An opaque signature: a digest of the message bound to its signer. In the simulation a key is the address itself,
 * so only code acting for the signer calls {@link #sign}; a signature over another message, or presented for another
 * signer, fails {@link #verifies}.
 */
public record Signature(Address signer, String digest) {
    public static Signature sign(Address signer, String message) {
        return new Signature(signer, digest(signer, message));
    }

    public boolean verifies(Address expectedSigner, String message) {
        return signer.equals(expectedSigner) && digest.equals(digest(expectedSigner, message));
    }

    private static String digest(Address signer, String message) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(signer.toString().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(message.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
