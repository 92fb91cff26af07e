package com.shopkeeper.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CryptoConfig {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfig.class);
    static final String AEAD_FILE = "aead-keyset.json";
    static final String DETERMINISTIC_FILE = "deterministic-keyset.json";

    @Bean
    FieldCipher fieldCipher(CryptoProperties props) throws GeneralSecurityException {
        AeadConfig.register();
        DeterministicAeadConfig.register();
        KeysetHandle aead = keyset(props.aeadKeyset(), props.keyDir().resolve(AEAD_FILE), KeyKind.AEAD);
        KeysetHandle deterministic = keyset(props.deterministicKeyset(),
                props.keyDir().resolve(DETERMINISTIC_FILE), KeyKind.DETERMINISTIC);
        return new FieldCipher(aead.getPrimitive(RegistryConfiguration.get(), Aead.class),
                deterministic.getPrimitive(RegistryConfiguration.get(), DeterministicAead.class));
    }

    private enum KeyKind { AEAD, DETERMINISTIC }

    private static KeysetHandle keyset(String inline, Path file, KeyKind kind) throws GeneralSecurityException {
        if (inline != null && !inline.isBlank()) {
            return TinkJsonProtoKeysetFormat.parseKeyset(inline, InsecureSecretKeyAccess.get());
        }
        try {
            if (Files.exists(file)) {
                return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
            }
            KeysetHandle fresh = KeysetHandle.generateNew(kind == KeyKind.AEAD
                    ? PredefinedAeadParameters.AES256_GCM
                    : PredefinedDeterministicAeadParameters.AES256_SIV);
            if (!publishOwnerOnly(file, TinkJsonProtoKeysetFormat.serializeKeyset(fresh, InsecureSecretKeyAccess.get()))) {
                // Another instance starting at the same moment published its keyset first: use that one.
                return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
            }
            log.warn("Generated a new {} encryption keyset at {}. Personal data is encrypted with it: "
                    + "back it up, without it the data cannot be read.", kind, file.toAbsolutePath());
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the keyset " + file, e);
        }
    }

    /**
     * Writes the keyset whole to a temporary file, then publishes it under its name only if no
     * keyset is there yet: a hard link fails when the name exists, where a rename would replace the
     * keyset another instance published a moment earlier (and with it, the keys its data is under).
     *
     * @return false when another keyset was there first
     */
    private static boolean publishOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".keyset", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's permissions have to do
            }
            Files.writeString(tmp, content);
            try {
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(tmp, file);   // fails too when the name exists, if not quite atomically
            }
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
