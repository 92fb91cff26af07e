package com.shopkeeper.crypto;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys for encryption at rest. Either both keysets are given inline (Tink JSON, e.g. from a
 * secret store through the environment) or they are read from {@code key-dir}; when neither
 * exists, fresh keysets are generated into {@code key-dir} on first start.
 */
@ConfigurationProperties("shopkeeper.crypto")
public record CryptoProperties(String aeadKeyset,
                               String deterministicKeyset,
                               @DefaultValue("./data/keys") Path keyDir) {
}
