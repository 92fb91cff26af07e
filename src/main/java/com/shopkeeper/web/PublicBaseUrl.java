package com.shopkeeper.web;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The address shoppers' links start with: {@code shopkeeper.public-base-url}, or
 * {@code http://localhost:<the port the server listens on>} when it is not set.
 */
@Component
public class PublicBaseUrl {

    private final PublicUrlProperties props;
    private final Environment env;

    PublicBaseUrl(PublicUrlProperties props, Environment env) {
        this.props = props;
        this.env = env;
    }

    /** The base without a trailing slash. */
    public String value() {
        String configured = props.publicBaseUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.strip().replaceAll("/+$", "");
        }
        // local.server.port is the port actually bound (server.port may be 0: a random one).
        return "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
    }

    public String resolve(String path) {
        return value() + (path.startsWith("/") ? path : "/" + path);
    }
}
