package com.shopkeeper.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import java.security.GeneralSecurityException;

/** A {@link FieldCipher} with fresh keys held in memory, for tests that build parts by hand. */
public final class TestCiphers {

    private TestCiphers() {
    }

    public static FieldCipher fresh() {
        try {
            AeadConfig.register();
            DeterministicAeadConfig.register();
            return new FieldCipher(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM).getPrimitive(RegistryConfiguration.get(), Aead.class),
                    KeysetHandle.generateNew(PredefinedDeterministicAeadParameters.AES256_SIV)
                            .getPrimitive(RegistryConfiguration.get(), DeterministicAead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
