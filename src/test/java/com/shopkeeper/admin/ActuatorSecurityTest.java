package com.shopkeeper.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.AppTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Metrics carry the shop's figures: /actuator/prometheus (and every actuator endpoint but health
 * and info) takes an admin token, of any role; a VIEWER's is what a Prometheus scraper gets.
 */
class ActuatorSecurityTest extends AppTest {

    @Test
    void prometheusNeedsATokenAndAViewersIsEnough() {
        var anonymous = http().get("/actuator/prometheus");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        assertThat(anonymous.body()).doesNotContain("jvm_");

        assertThat(http().withToken("skt_not-a-token").get("/actuator/prometheus").status()).isEqualTo(401);

        String viewer = admin().postJson("/api/admin/tokens",
                        Map.of("name", "prometheus-" + UUID.randomUUID().toString().substring(0, 8), "role", "VIEWER"))
                .json().get("token").asString();
        var scraped = http().withToken(viewer).get("/actuator/prometheus");
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void theActuatorsIndexNeedsATokenToo() {
        assertThat(http().get("/actuator").status()).isEqualTo(401);
        assertThat(admin().get("/actuator").status()).isEqualTo(200);
    }

    @Test
    void healthStaysOpenForProbes() {
        assertThat(http().get("/actuator/health").status()).isEqualTo(200);
        assertThat(http().get("/actuator/health/liveness").status()).isEqualTo(200);
    }
}
