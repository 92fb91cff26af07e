package com.shopkeeper.payment.sandbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param linkTtl how long a sandbox pay link works */
@ConfigurationProperties("shopkeeper.payment.sandbox")
record SandboxProperties(@DefaultValue("PT30M") Duration linkTtl) {
}
