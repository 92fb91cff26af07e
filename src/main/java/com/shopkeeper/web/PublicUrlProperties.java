package com.shopkeeper.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicBaseUrl the address shoppers reach this server at (pay links start with it);
 *                      by default {@code http://localhost:<server port>}
 */
@ConfigurationProperties("shopkeeper")
public record PublicUrlProperties(String publicBaseUrl) {
}
