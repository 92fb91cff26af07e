package com.shopkeeper.support;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.shopper.ShopperRepository;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * One shop with both WhatsApp platforms on by configuration (Twilio and the Cloud API, each against
 * its WireMock stub), its own Redis, the engine, the demo catalog and sandbox payments: what the
 * journeys through both real webhooks start, with their own settings on top.
 */
public final class BothPlatforms implements AutoCloseable {

    public final TwilioStub twilio;
    public final MetaStub meta;
    public final PrivateRedis redis;
    public final ConfigurableApplicationContext app;
    public final Http http;

    private BothPlatforms(TwilioStub twilio, MetaStub meta, PrivateRedis redis, ConfigurableApplicationContext app) {
        this.twilio = twilio;
        this.meta = meta;
        this.redis = redis;
        this.app = app;
        this.http = new Http("http://localhost:" + TestApps.port(app), JsonMapper.builder().build());
    }

    /** Starts it in a new directory named after {@code name}; {@code settings} add to or override the defaults. */
    public static BothPlatforms start(String name, Map<String, String> settings) throws Exception {
        TwilioStub twilio = TwilioStub.start();
        MetaStub meta = MetaStub.start();
        PrivateRedis redis = PrivateRedis.start(false);
        Map<String, String> props = new HashMap<>(Map.of(
                "shopkeeper.processor", "engine",
                // beside a real platform the sandbox must be asked for by name
                "shopkeeper.payment.provider", "sandbox",
                "shopkeeper.catalog.seed-demo", "true"));
        props.putAll(twilio.properties());
        props.putAll(meta.properties());
        props.putAll(settings);
        ConfigurableApplicationContext app = TestApps.start(Files.createTempDirectory(name), redis.url(), props, ctx -> { });
        return new BothPlatforms(twilio, meta, redis, app);
    }

    /** A new shopper on {@code platform} ("twilio" or "meta"). */
    public ChatShopper shopper(String platform, String name) {
        return platform.equals("twilio") ? new WhatsAppShopper(http, twilio, name) : new CloudApiShopper(http, meta, name);
    }

    public Http admin() {
        return http.withToken(AppTest.ADMIN_TOKEN);
    }

    /** The shopper's latest conversation on {@code platform}. */
    public Conversation conversation(ChatShopper shopper, String platform) {
        String userId = app.getBean(ShopperRepository.class).findByAddress(shopper.e164()).orElseThrow().id();
        return app.getBean(ConversationRepository.class).findLatest(userId, platform).orElseThrow();
    }

    @Override
    public void close() {
        app.close();
        redis.close();
        twilio.server().stop();
        meta.server().stop();
    }
}
