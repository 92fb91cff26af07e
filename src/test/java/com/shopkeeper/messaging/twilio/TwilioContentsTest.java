package com.shopkeeper.messaging.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.conversation.Choices;
import com.shopkeeper.messaging.Reply;
import com.shopkeeper.support.TwilioStub;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Content API behind Twilio's buttons and lists: a content is made once per shape and reused
 * (here and by another instance through the table); when Twilio cannot make one, the reply goes as
 * its text and the API is not asked again for every reply.
 */
class TwilioContentsTest {

    TwilioStub twilio;
    Connection sqlite;
    DSLContext db;

    @BeforeEach
    void start() throws Exception {
        twilio = TwilioStub.start();
        sqlite = DriverManager.getConnection("jdbc:sqlite::memory:");
        db = DSL.using(sqlite, SQLDialect.SQLITE);
        db.execute("CREATE TABLE platform_contents (platform TEXT NOT NULL, shape TEXT NOT NULL, content_id TEXT NOT NULL, "
                + "created_at TIMESTAMP(3) NOT NULL, PRIMARY KEY (platform, shape))");
    }

    @AfterEach
    void stop() throws Exception {
        twilio.server().stop();
        sqlite.close();
    }

    TwilioPlatform platform() {
        return new TwilioPlatform(new TwilioProperties(TwilioStub.ACCOUNT_SID, TwilioStub.AUTH_TOKEN, TwilioStub.FROM,
                twilio.baseUrl(), TwilioStub.PUBLIC_BASE, 1, Duration.ofMillis(10), null, null), Clock.systemUTC(), db);
    }

    static Reply withButtons() {
        return Reply.text("Added 1 × *Lamp* to your cart.").withChoices(Choices.buttons(null,
                List.of(Choices.Option.of("sk:checkout", "Checkout"), Choices.Option.of("sk:cart", "View cart"))));
    }

    @Test
    void aShapeIsMadeOnceAndReusedByEveryInstance() {
        platform().sendChoices("+15550001111", withButtons());
        platform().sendChoices("+15550001111", withButtons()); // another instance: the table has it
        assertThat(twilio.server().findAll(postRequestedFor(urlPathEqualTo("/v1/Content")))).hasSize(1);
        assertThat(db.fetchCount(DSL.table("platform_contents"))).isEqualTo(1);
        assertThat(twilio.requestsTo("whatsapp:+15550001111")).hasSize(2)
                .allSatisfy(r -> assertThat(TwilioStub.param(r.getBodyAsString(), "ContentSid")).startsWith("HX"));
    }

    @Test
    void whenTwilioCannotMakeAContentTheReplyGoesAsTextAndItIsNotAskedForEveryReply() {
        twilio.server().stubFor(post(urlPathEqualTo("/v1/Content")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 20503, \"message\": \"Service unavailable\", \"status\": 503}")));
        TwilioPlatform twilioPlatform = platform();
        twilioPlatform.sendChoices("+15550002222", withButtons());
        twilioPlatform.sendChoices("+15550002222", withButtons());
        assertThat(twilio.sentTo("whatsapp:+15550002222")).containsExactly("Added 1 × *Lamp* to your cart.",
                "Added 1 × *Lamp* to your cart.");
        assertThat(twilio.server().findAll(postRequestedFor(urlPathEqualTo("/v1/Content")))).hasSize(1);
    }
}
