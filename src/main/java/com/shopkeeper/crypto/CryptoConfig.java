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
            writeOwnerOnly(file, TinkJsonProtoKeysetFormat.serializeKeyset(fresh, InsecureSecretKeyAccess.get()));
            log.warn("Generated a new {} encryption keyset at {}. Personal data is encrypted with it: "
                    + "back it up, without it the data cannot be read.", kind, file.toAbsolutePath());
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the keyset " + file, e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".keyset", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the directory's permissions have to do
        }
        Files.writeString(tmp, content);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
