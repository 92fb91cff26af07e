package com.shopkeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 9: a body is capped by the exact route it is sent to, and a public endpoint that
 * will refuse a request says so before it reads the body.
 */
class RequestBodyLimitsTest extends AppTest {

    private static final int TWO_MB = 2 * 1024 * 1024;

    /** Only the product import takes the import's 64 MB; a public path that merely ends in "/import" does not. */
    @Test
    void aPublicPathEndingInImportHasTheGeneralCap() {
        Response r = http().post("/webhook/payments/import", "application/json", "{\"x\":\"" + "x".repeat(TWO_MB) + "\"}");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void theProductImportStillTakesMoreThanTheGeneralCap() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        // Long image URLs make the body large while the text the search indexes stays small.
        String image = "https://example.com/img/" + "a".repeat(1_900);
        String body = IntStream.range(0, 600)
                .mapToObj(i -> "{\"sku\":\"BIG-" + run + "-" + i + "\",\"name\":\"Big " + i + "\",\"price\":\"1.00\",\"image_url\":\""
                        + image + "\"}")
                .collect(Collectors.joining("\n"));
        assertThat(body.length()).isGreaterThan(1024 * 1024);
        Response r = admin().post("/api/admin/products/import", "application/x-ndjson", body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("imported").asInt()).isEqualTo(600);
    }

    /**
     * A provider that is not active here is a 404 at once: the client announces a body and sends a
     * little of it, and the answer comes without the rest (the controller used to read the whole
     * body first, holding a request thread for as long as the client cared to trickle it).
     */
    @Test
    void anInactivePaymentProviderIsRefusedBeforeItsBodyIsRead() throws IOException {
        for (String provider : new String[] {"import", "stripe", "nope"}) {
            try (Socket socket = new Socket("localhost", port)) {
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /webhook/payments/" + provider + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 500000\r\n\r\n{\"id\":\"evt_").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = statusLine(socket.getInputStream());
                assertThat(answer).as(provider).startsWith("HTTP/1.1 404");
            }
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
            line.append((char) b);
        }
        return line.toString().strip();
    }
}
