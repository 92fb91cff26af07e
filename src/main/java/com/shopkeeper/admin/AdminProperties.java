package com.shopkeeper.admin;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param bootstrapToken the first admin token. When unset, one is generated on first start and
 *                       written (owner-readable only) to {@code bootstrapTokenFile}; the log says
 *                       where, never the token.
 */
@ConfigurationProperties("shopkeeper.admin")
public record AdminProperties(String bootstrapToken,
                              @DefaultValue("./data/admin-token") Path bootstrapTokenFile) {
}
