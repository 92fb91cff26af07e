package com.shopkeeper.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.FormHttpMessageConverter;

/** The webhook's own form reading gives exactly what Spring's FormHttpMessageConverter gives. */
class WebhookFormTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Body=hello+there&From=whatsapp%3A%2B15551234567&MessageSid=SM123",
            "Body=caf%C3%A9+%E2%98%95&NumMedia=0",
            "a=1&a=2&b=&c",
            "&&x=1&&",
            "Body=a%3Db%26c&Empty=",
            "",
            "=value&name="})
    void sameAsSpringsConverter(String form) throws Exception {
        String type = "application/x-www-form-urlencoded";
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> spring = new FormHttpMessageConverter().read(null, new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                HttpHeaders h = new HttpHeaders();
                h.set(HttpHeaders.CONTENT_TYPE, type);
                return h;
            }
        });
        assertThat(WebhookFilter.formParameters(body, type)).isEqualTo(spring);
    }

    @Test
    void readsTheCharsetTheFormNames() {
        byte[] latin1 = "Body=caf%E9".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(WebhookFilter.formParameters(latin1, "application/x-www-form-urlencoded; charset=ISO-8859-1"))
                .containsEntry("Body", List.of("café"));
        assertThat(WebhookFilter.formParameters("Body=caf%C3%A9".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"))
                .containsEntry("Body", List.of("café"));
    }

    @Test
    void aBrokenEscapeIsAnIllegalArgument() {
        // the filter answers it with 400 (TwilioWebhookTest sends one through HTTP)
        assertThatThrownBy(() -> WebhookFilter.formParameters("Body=%zz".getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded")).isInstanceOf(IllegalArgumentException.class);
    }
}
