package com.shopkeeper.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** Encrypts and decrypts sensitive column values (Tink AES-256-GCM, or AES-256-SIV where looked up). */
public class FieldCipher {

    private final Aead aead;
    private final DeterministicAead deterministic;

    FieldCipher(Aead aead, DeterministicAead deterministic) {
        this.aead = aead;
        this.deterministic = deterministic;
    }

    /** The stored form of {@code plaintext}; null stays null. */
    public String seal(SensitiveField field, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] sealed = field.deterministic()
                    ? deterministic.encryptDeterministically(bytes, field.associatedData())
                    : aead.encrypt(bytes, field.associatedData());
            return Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt " + field, e);
        }
    }

    /**
     * A keyed hash of {@code value}: the same value always gives the same 22 characters, and without
     * the keyset nobody can tell which value they stand for (or check a guess). For keys in Redis,
     * where a phone number must not appear but must still be found again. It is made with the
     * deterministic keyset every instance already shares (a new keyset would be one more secret to
     * hand each instance, and instances with different ones would quietly disagree on every key):
     * the SIV ciphertext under its own associated data, hashed and cut to 128 bits.
     */
    public String pseudonym(String value) {
        try {
            byte[] sealed = deterministic.encryptDeterministically(value.getBytes(StandardCharsets.UTF_8), PSEUDONYM);
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(sealed);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a pseudonym", e);
        }
    }

    private static final byte[] PSEUDONYM = "PSEUDONYM".getBytes(StandardCharsets.UTF_8);

    /** The plaintext of a stored value; null stays null. */
    public String open(SensitiveField field, String stored) {
        if (stored == null) {
            return null;
        }
        byte[] sealed = Base64.getDecoder().decode(stored);
        try {
            byte[] bytes = field.deterministic()
                    ? deterministic.decryptDeterministically(sealed, field.associatedData())
                    : aead.decrypt(sealed, field.associatedData());
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Wrong key or tampered data: say which column, never the value.
            throw new IllegalStateException("cannot decrypt " + field + " (wrong keyset?)", e);
        }
    }
}
