package com.shopkeeper.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize       the largest request body in general
 * @param maxImportBodySize the largest body of a bulk import (thousands of products)
 * @param virtualRequestThreads HTTP requests on a new virtual thread each instead of Tomcat's platform
 *                          pool (see {@link RequestThreads})
 */
@ConfigurationProperties("shopkeeper.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxBodySize,
                            @DefaultValue("64MB") DataSize maxImportBodySize,
                            @DefaultValue("false") boolean virtualRequestThreads) {
}
