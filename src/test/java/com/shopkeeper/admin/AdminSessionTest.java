package com.shopkeeper.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.Http.Response;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The admin UI's session: sign-in with a token through a CSRF-protected form, pages behind it, the
 * session reading the admin API, writes with the session only with the CSRF token and only for
 * an ADMIN, sign-out, and a revoked token ending its sessions.
 */
class AdminSessionTest extends AppTest {

    private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    record Browser(Http http, CookieManager cookies) {
        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        Http withCsrf() {
            return http.withHeader("X-XSRF-TOKEN", cookie("XSRF-TOKEN"));
        }
    }

    Browser browser() {
        CookieManager cookies = new CookieManager();
        return new Browser(http().withCookies(cookies), cookies);
    }

    Response signIn(Browser b, String token) {
        Response page = b.http().get("/admin/sign-in");
        assertThat(page.status()).isEqualTo(200);
        Matcher csrf = HIDDEN_CSRF.matcher(page.body());
        assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
        return b.http().post("/admin/sign-in", "application/x-www-form-urlencoded",
                "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1));
    }

    String viewerToken() {
        return admin().postJson("/api/admin/tokens", Map.of("name", "screen", "role", "VIEWER")).json().get("token").asString();
    }

    @Test
    void pagesWithoutASessionGoToTheSignInPage() {
        for (String page : new String[] {"/admin/", "/admin/visualizer", "/admin/products", "/admin/orders",
                "/admin/conversations", "/admin/metrics", "/admin/conversations/abc"}) {
            Response r = http().get(page);
            assertThat(r.status()).as(page).isEqualTo(302);
            assertThat(r.header("Location")).as(page).endsWith("/admin/sign-in");
        }
        assertThat(http().get("/admin/sign-in").body()).contains("name=\"token\"");
    }

    @Test
    void aSignInWithoutTheCsrfTokenOrWithABadTokenIsRefused() {
        Browser b = browser();
        b.http().get("/admin/sign-in");
        Response forged = b.http().post("/admin/sign-in", "application/x-www-form-urlencoded", "token=" + ADMIN_TOKEN);
        assertThat(forged.status()).isEqualTo(403);

        Response wrong = signIn(b, "skt_not-a-real-token");
        assertThat(wrong.status()).isEqualTo(302);
        assertThat(wrong.header("Location")).endsWith("/admin/sign-in?error");
        assertThat(b.http().get("/admin/visualizer").status()).isEqualTo(302);
    }

    @Test
    void anAdminSessionReadsPagesAndTheApiAndWritesOnlyWithTheCsrfToken() {
        Browser b = browser();
        Response signedIn = signIn(b, ADMIN_TOKEN);
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).endsWith("/admin/");

        Response page = b.http().get("/admin/visualizer");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"graph\"").contains("/webjars/cytoscape/");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(b.cookie("XSRF-TOKEN")).as("pages hand the CSRF token to their scripts").isNotBlank();
        for (String p : new String[] {"/admin/products", "/admin/orders", "/admin/conversations", "/admin/metrics"}) {
            assertThat(b.http().get(p).status()).as(p).isEqualTo(200);
        }
        assertThat(b.http().get("/api/admin/conversations").status()).isEqualTo(200);

        Map<String, Object> lamp = Map.of("name", "Session Lamp", "price", "12.00");
        assertThat(b.http().postJson("/api/admin/products", lamp).status())
                .as("a write on the session cookie alone could be forged").isEqualTo(403);
        assertThat(b.withCsrf().postJson("/api/admin/products", lamp).status()).isEqualTo(201);
    }

    @Test
    void aViewerSessionReadsButCannotWriteEvenWithTheCsrfToken() {
        Browser b = browser();
        signIn(b, viewerToken());
        Response page = b.http().get("/admin/products");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-can-write=\"false\"").contains("VIEWER");
        assertThat(b.http().get("/api/admin/products").status()).isEqualTo(200);
        Response write = b.withCsrf().postJson("/api/admin/products", Map.of("name", "Viewer Lamp", "price", "1.00"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void signingOutOrRevokingTheTokenEndsTheSession() {
        Browser out = browser();
        signIn(out, ADMIN_TOKEN);
        Response signOut = out.withCsrf().post("/admin/sign-out", "application/x-www-form-urlencoded", "");
        assertThat(signOut.status()).isEqualTo(302);
        assertThat(signOut.header("Location")).endsWith("/admin/sign-in?signed-out");
        assertThat(out.http().get("/admin/visualizer").status()).isEqualTo(302);

        Response issued = admin().postJson("/api/admin/tokens", Map.of("name", "temp", "role", "ADMIN"));
        Browser revoked = browser();
        signIn(revoked, issued.json().get("token").asString());
        assertThat(revoked.http().get("/api/admin/conversations").status()).isEqualTo(200);
        assertThat(admin().delete("/api/admin/tokens/" + issued.json().get("id").asString()).status()).isEqualTo(204);
        assertThat(revoked.http().get("/api/admin/conversations").status()).isEqualTo(401);
        assertThat(revoked.http().get("/admin/visualizer").status()).isEqualTo(302);
    }

    @Test
    void aBearerTokenNeedsNoCsrfTokenAndIgnoresAnySession() {
        Browser b = browser();
        signIn(b, viewerToken());
        // A bearer request is judged by its token alone, even alongside a viewer's session cookie.
        Response write = b.http().withToken(ADMIN_TOKEN).postJson("/api/admin/products",
                Map.of("name", "Bearer Lamp", "price", "3.00"));
        assertThat(write.status()).isEqualTo(201);
        assertThat(b.http().withToken("skt_wrong").get("/api/admin/products").status()).isEqualTo(401);
    }
}
