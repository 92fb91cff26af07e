package com.shopkeeper.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkeeper.conversation.Choices;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessagingPlatform} does, called directly as the gateway and the workers call it: it
 * takes only requests that really come from the platform, reads a minimal message as one
 * {@link InboundMessage} (a phone platform names the shopper by E.164 number), refuses what the platform
 * does not send with a {@link MalformedWebhookException}, and sends text, split to the platform's limit,
 * answering the ids of what it took where it gives any; choices reach the shopper in words, as buttons
 * where the platform has them and as text where it has none. Each platform's test extends this with its
 * stubbed API and keeps its own cases.
 */
public abstract class MessagingPlatformContract {

    /** The platform under test. */
    protected abstract MessagingPlatform platform();

    /** A shopper nobody has written to yet, addressed as the platform's messages name them. */
    protected abstract String newShopper();

    /** A request carrying one text message from {@code shopper}, signed as the platform signs. */
    protected abstract WebhookRequest textMessage(String shopper, String messageId, String text);

    /** The same request without what proves where it comes from (its signature, or session header). */
    protected abstract WebhookRequest unsigned(WebhookRequest request);

    /** The same request changed after it was signed; empty for a platform that signs nothing. */
    protected abstract Optional<WebhookRequest> altered(WebhookRequest request);

    /** Genuine requests that are not what the platform sends: each is a malformed webhook. */
    protected abstract List<WebhookRequest> malformed(String shopper);

    /** Whether shoppers are phone numbers (WhatsApp), named in E.164 whatever the platform writes. */
    protected abstract boolean isPhonePlatform();

    /** Whether a send answers the platform's id of each message it took (the WhatsApp platforms do). */
    protected abstract boolean givesMessageIds();

    /** The longest text the platform takes in one message; empty when it takes any. */
    protected abstract OptionalInt maxText();

    /**
     * What the shopper was shown, one entry a message in the order they were sent: a text's words; buttons as
     * their body and then {@code [Title]} each.
     */
    protected abstract List<String> received(String shopper);

    private static final Reply BUTTONS = new Reply("Added 1 × Kettle. Anything else?", List.of(),
            Choices.buttons(null, List.of(Choices.Option.of("checkout", "Checkout"), Choices.Option.of("cart", "View cart"))));

    @Test
    void aSignedRequestIsTakenAndAnUnsignedOrAlteredOneIsNot() {
        WebhookRequest genuine = textMessage(newShopper(), "contract-signed-1", "hello shop");

        assertThat(platform().validateWebhook(genuine)).isTrue();
        assertThat(platform().validateWebhook(unsigned(genuine))).as("unsigned").isFalse();
        altered(genuine).ifPresent(altered -> assertThat(platform().validateWebhook(altered)).as("altered").isFalse());
    }

    @Test
    void aMinimalMessageIsOneInboundMessage() {
        String shopper = newShopper();

        List<WebhookEvent> events = platform().parse(textMessage(shopper, "contract-minimal-1", "hello shop"));

        assertThat(events).singleElement().isInstanceOfSatisfying(InboundMessage.class, message -> {
            assertThat(message.platform()).isEqualTo(platform().name());
            assertThat(message.platformMessageId()).endsWith("contract-minimal-1");
            assertThat(message.shopperAddress()).isEqualTo(shopper);
            assertThat(message.text()).isEqualTo("hello shop");
            assertThat(message.media()).isEmpty();
            assertThat(message.choice()).isNull();
            assertThat(message.order()).isEmpty();
        });
        if (isPhonePlatform()) {
            assertThat(shopper).as("a phone platform's shopper is an E.164 number").matches("\\+[1-9]\\d{5,14}");
        }
    }

    @Test
    void whatThePlatformDoesNotSendIsAMalformedWebhook() {
        List<WebhookRequest> requests = malformed(newShopper());

        assertThat(requests).isNotEmpty();
        for (WebhookRequest request : requests) {
            assertThatThrownBy(() -> platform().parse(request)).isInstanceOf(MalformedWebhookException.class);
        }
    }

    @Test
    void aTextIsSentAsOneMessageAndItsIdComesBack() {
        String shopper = newShopper();

        List<String> ids = platform().sendMessage(shopper, "Hello! What are you looking for today?");

        assertThat(received(shopper)).containsExactly("Hello! What are you looking for today?");
        if (givesMessageIds()) {
            assertThat(ids).singleElement().asString().isNotBlank();
        } else {
            assertThat(ids).isEmpty();
        }
    }

    @Test
    void aLongTextIsSplitAtWordsToThePlatformsLimit() {
        String shopper = newShopper();
        int limit = maxText().orElse(4_000);
        String text = IntStream.range(0, limit * 5 / 12).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));

        List<String> ids = platform().sendMessage(shopper, text);

        List<String> parts = received(shopper);
        if (maxText().isPresent()) {
            assertThat(parts).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(limit))
                    .allSatisfy(part -> assertThat(part).doesNotStartWith(" ").doesNotEndWith(" "));
            assertThat(String.join(" ", parts)).isEqualTo(text);
        } else {
            assertThat(parts).containsExactly(text);
        }
        if (givesMessageIds()) {
            assertThat(ids).hasSize(parts.size()).doesNotHaveDuplicates();
        }
    }

    @Test
    void choicesReachTheShopperAsButtonsWithTheirWords() {
        String shopper = newShopper();

        List<String> ids = platform().sendChoices(shopper, BUTTONS);

        assertThat(received(shopper)).last().asString()
                .contains(BUTTONS.interactiveBody()).contains("[Checkout]").contains("[View cart]");
        if (givesMessageIds()) {
            assertThat(ids).isNotEmpty().allSatisfy(id -> assertThat(id).isNotBlank());
        }
    }

    @Test
    void withoutButtonsChoicesGoAsTheirText() {
        String shopper = newShopper();
        MessagingPlatform withoutButtons = withoutButtons(platform());

        withoutButtons.sendChoices(shopper, BUTTONS);

        assertThat(received(shopper)).containsExactly(BUTTONS.text());
    }

    /** The platform as one without buttons or lists would be: everything it does but {@code sendChoices}. */
    private static MessagingPlatform withoutButtons(MessagingPlatform platform) {
        return new MessagingPlatform() {
            @Override
            public String name() {
                return platform.name();
            }

            @Override
            public boolean validateWebhook(WebhookRequest request) {
                return platform.validateWebhook(request);
            }

            @Override
            public List<WebhookEvent> parse(WebhookRequest request) {
                return platform.parse(request);
            }

            @Override
            public List<String> sendMessage(String address, String text) {
                return platform.sendMessage(address, text);
            }

            @Override
            public List<String> sendMedia(String address, String caption, List<String> mediaUrls) {
                return platform.sendMedia(address, caption, mediaUrls);
            }
        };
    }
}
