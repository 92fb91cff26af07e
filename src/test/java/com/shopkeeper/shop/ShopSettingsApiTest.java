package com.shopkeeper.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Http.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14, item 5, through HTTP: an admin edits the shop's answers (what shoppers then hear is in
 * OfflineJourneyTest, on the engine).
 */
class ShopSettingsApiTest extends AppTest {

    private static JsonNode topic(Response r, String name) {
        for (JsonNode t : r.json()) {
            if (t.get("topic").asString().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no topic " + name + " in " + r.body());
    }

    @Test
    void anAdminSetsAndResetsAnswersAndBadRequestsAreProblems() {
        Response all = admin().get("/api/admin/settings/shop");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().size()).isEqualTo(5);

        assertThat(admin().putJson("/api/admin/settings/shop/returns", Map.of("answer", "  30 days, unused, with the receipt. "))
                .json().get("answer").asString()).isEqualTo("30 days, unused, with the receipt.");
        assertThat(topic(admin().get("/api/admin/settings/shop"), "returns").get("source").asString()).isEqualTo("SETTINGS");
        Response reset = admin().delete("/api/admin/settings/shop/returns");
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("source").asString()).isEqualTo("NONE");
        assertThat(reset.json().get("answer").isNull()).isTrue();

        Response unknown = admin().putJson("/api/admin/settings/shop/weather", Map.of("answer", "sunny"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        Response blank = admin().putJson("/api/admin/settings/shop/hours", Map.of("answer", "  "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin().putJson("/api/admin/settings/shop/hours", Map.of("answer", "x".repeat(1001))).status()).isEqualTo(400);
        assertThat(admin().send("PUT", "/api/admin/settings/shop/hours", "application/json", "{nope").status()).isEqualTo(400);

        String viewerToken = admin().postJson("/api/admin/tokens", Map.of("name", "front-desk", "role", "VIEWER"))
                .json().get("token").asString();
        var viewer = http().withToken(viewerToken);
        assertThat(viewer.get("/api/admin/settings/shop").status()).isEqualTo(200);
        assertThat(viewer.putJson("/api/admin/settings/shop/hours", Map.of("answer", "always")).status()).isEqualTo(403);
        assertThat(http().get("/api/admin/settings/shop").status()).isEqualTo(401);
    }
}
