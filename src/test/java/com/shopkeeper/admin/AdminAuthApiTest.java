package com.shopkeeper.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Http.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminAuthApiTest extends AppTest {

    private static final Map<String, Object> PRODUCT = Map.of("name", "Auth Lamp", "price", "10.00");

    @Test
    void noTokenOrAWrongOneIs401() {
        Response none = http().get("/api/admin/products");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http().withToken("not-a-token").get("/api/admin/products").status()).isEqualTo(401);
        assertThat(http().withHeader("Authorization", "Basic Zm9vOmJhcg==").get("/api/admin/products").status()).isEqualTo(401);
    }

    @Test
    void aViewerReadsButCannotWrite() {
        Response issued = admin().postJson("/api/admin/tokens", Map.of("name", "dashboard", "role", "VIEWER"));
        assertThat(issued.status()).isEqualTo(201);
        String token = issued.json().get("token").asString();
        assertThat(token).startsWith("skt_");

        var viewer = http().withToken(token);
        assertThat(viewer.get("/api/admin/products").status()).isEqualTo(200);
        Response write = viewer.postJson("/api/admin/products", PRODUCT);
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.header("Content-Type")).startsWith("application/problem+json");
        assertThat(viewer.postJson("/api/admin/tokens", Map.of("name", "x", "role", "ADMIN")).status()).isEqualTo(403);
    }

    @Test
    void anIssuedAdminTokenWorksUntilRevokedAndIsNeverListed() {
        Response issued = admin().postJson("/api/admin/tokens", Map.of("name", "ops", "role", "ADMIN"));
        String id = issued.json().get("id").asString();
        String token = issued.json().get("token").asString();
        var ops = http().withToken(token);
        assertThat(ops.postJson("/api/admin/products", PRODUCT).status()).isEqualTo(201);

        Response list = admin().get("/api/admin/tokens");
        assertThat(list.body()).contains(id).doesNotContain(token);

        assertThat(admin().delete("/api/admin/tokens/" + id).status()).isEqualTo(204);
        assertThat(ops.get("/api/admin/products").status()).isEqualTo(401);
        assertThat(admin().delete("/api/admin/tokens/" + id).status()).isEqualTo(404);
    }

    @Test
    void tokenRequestsAreValidated() {
        assertThat(admin().postJson("/api/admin/tokens", Map.of("name", "x", "role", "ROOT")).status()).isEqualTo(400);
        assertThat(admin().postJson("/api/admin/tokens", Map.of("role", "ADMIN")).status()).isEqualTo(400);
    }

    @Test
    void healthAndApiDocsArePublic() {
        assertThat(http().get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        Response docs = http().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        var api = docs.json();
        assertThat(api.get("components").get("securitySchemes").get("bearer").get("scheme").asString()).isEqualTo("bearer");
        assertThat(api.get("components").get("schemas").has("ProblemDetail")).isTrue();
        var post = api.get("paths").get("/api/admin/products").get("post");
        assertThat(post.get("responses").has("400")).isTrue();
        assertThat(post.get("security").toString()).contains("bearer");
        assertThat(api.get("components").get("schemas").get("ProductRequest").get("properties").has("image_url"))
                .as("the document shows the snake_case wire names").isTrue();
        Response ui = http().get("/swagger-ui.html");
        assertThat(ui.status()).isIn(200, 302);
    }
}
