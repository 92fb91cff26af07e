package com.shopkeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PublicBaseUrlTest {

    @Test
    void configuredBaseIsUsedWithoutItsTrailingSlash() {
        var url = new PublicBaseUrl(new PublicUrlProperties(" https://shop.example.com/ "), new MockEnvironment());
        assertThat(url.resolve("/pay/abc")).isEqualTo("https://shop.example.com/pay/abc");
        assertThat(url.resolve("pay/abc")).isEqualTo("https://shop.example.com/pay/abc");
    }

    @Test
    void withoutConfigurationItIsLocalhostOnThePortTheServerBound() {
        var env = new MockEnvironment().withProperty("server.port", "0").withProperty("local.server.port", "43127");
        assertThat(new PublicBaseUrl(new PublicUrlProperties(null), env).value()).isEqualTo("http://localhost:43127");
        assertThat(new PublicBaseUrl(new PublicUrlProperties(""), new MockEnvironment()).value())
                .isEqualTo("http://localhost:8080");
    }
}
