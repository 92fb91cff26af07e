package com.shopkeeper.messaging.twilio;

import static com.shopkeeper.db.Tables.PLATFORM_CONTENTS;

import com.shopkeeper.conversation.Choices;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.content.v1.Content;
import com.twilio.rest.content.v1.ContentCreator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Content API contents that WhatsApp buttons and lists are sent with. Twilio sends a
 * quick-reply or list-picker only as a content (a {@code ContentSid} and its
 * {@code ContentVariables}), so one content is made per shape ({@code buttons-2}, {@code list-7}),
 * every text in it a variable, through the API the first time the shape is sent; its SID is kept in
 * {@code platform_contents} (shared by every instance) and in memory, and reused ever after. Nobody
 * edits ids by hand. Both types are session-only (inside the 24-hour window), which every reply is;
 * each content also carries a {@code twilio/text} of the body for channels without them.
 *
 * <p>Two instances making the same shape at once both create one; the first row written wins and
 * the other content is never used (harmless, and rare: once per shape, ever).
 */
final class TwilioContents {

    static final String PLATFORM = "twilio";
    /** Twilio's limits: body 1,024; quick-reply titles 20; list button 20, items 24, descriptions 72; ids 200. */
    static final int MAX_BODY = 1024;
    static final int MAX_TITLE = 20;
    static final int MAX_ITEM = 24;
    static final int MAX_DESCRIPTION = 72;
    static final int MAX_ID = 200;

    private static final Logger log = LoggerFactory.getLogger(TwilioContents.class);

    private final TwilioRestClient client;
    private final DSLContext db;
    private final Clock clock;
    private final Map<String, String> sids = new ConcurrentHashMap<>();
    /** Shapes Twilio could not make a content for, and until when not to ask again (their replies go as text). */
    private final Map<String, java.time.Instant> refusedUntil = new ConcurrentHashMap<>();
    static final java.time.Duration ASK_AGAIN_AFTER = java.time.Duration.ofMinutes(5);

    TwilioContents(TwilioRestClient client, DSLContext db, Clock clock) {
        this.client = client;
        this.db = db;
        this.clock = clock;
    }

    /** A content and the variables that fill it for these choices. */
    record Filled(String sid, Map<String, String> variables) {
    }

    /**
     * The content for the shape of {@code choices}, made if it is new, with {@code body} and the
     * options as its variables; empty when Twilio could not make it (recently: it is not asked again
     * for {@link #ASK_AGAIN_AFTER}, so that an unreachable Content API does not slow every reply).
     */
    java.util.Optional<Filled> fill(Choices choices, String body) {
        String shape = shape(choices);
        java.time.Instant until = refusedUntil.get(shape);
        if (until != null && clock.instant().isBefore(until)) {
            return java.util.Optional.empty();
        }
        try {
            String sid = sids.computeIfAbsent(shape, s -> stored(s).orElseGet(() -> create(s, choices)));
            refusedUntil.remove(shape);
            return java.util.Optional.of(new Filled(sid, variables(choices, body)));
        } catch (com.twilio.exception.ApiException | com.twilio.exception.ApiConnectionException e) {
            refusedUntil.put(shape, clock.instant().plus(ASK_AGAIN_AFTER));
            log.warn("twilio: no content for {} ({}); its replies go as text for {}", shape, e.getMessage(), ASK_AGAIN_AFTER);
            return java.util.Optional.empty();
        }
    }

    static String shape(Choices choices) {
        return (choices.kind() == Choices.Kind.BUTTONS ? "buttons-" : "list-") + choices.options().size();
    }

    /** {{1}} the body; buttons: {{2+2i}} title, {{3+2i}} id; a list: {{2}} its button, {{3+3i}} item, {{4+3i}} id, {{5+3i}} description. */
    static Map<String, String> variables(Choices choices, String body) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("1", Choices.cut(body, MAX_BODY));
        List<Choices.Option> options = choices.options();
        if (choices.kind() == Choices.Kind.BUTTONS) {
            for (int i = 0; i < options.size(); i++) {
                v.put(Integer.toString(2 + 2 * i), Choices.cut(options.get(i).title(), MAX_TITLE));
                v.put(Integer.toString(3 + 2 * i), Choices.cut(options.get(i).id(), MAX_ID));
            }
        } else {
            v.put("2", Choices.cut(choices.button(), MAX_TITLE));
            for (int i = 0; i < options.size(); i++) {
                Choices.Option o = options.get(i);
                v.put(Integer.toString(3 + 3 * i), Choices.cut(o.title(), MAX_ITEM));
                v.put(Integer.toString(4 + 3 * i), Choices.cut(o.id(), MAX_ID));
                // Twilio refuses an empty variable: a row without a line under it says its title again.
                String description = o.description() == null || o.description().isBlank() ? o.title() : o.description();
                v.put(Integer.toString(5 + 3 * i), Choices.cut(description, MAX_DESCRIPTION));
            }
        }
        return v;
    }

    private java.util.Optional<String> stored(String shape) {
        return db.select(PLATFORM_CONTENTS.CONTENT_ID).from(PLATFORM_CONTENTS)
                .where(PLATFORM_CONTENTS.PLATFORM.eq(PLATFORM), PLATFORM_CONTENTS.SHAPE.eq(shape))
                .fetchOptional(PLATFORM_CONTENTS.CONTENT_ID);
    }

    private String create(String shape, Choices choices) {
        int n = choices.options().size();
        Map<String, String> samples = new LinkedHashMap<>();
        Content.Types.Builder types = new Content.Types.Builder().twilioText(new Content.TwilioText.Builder("{{1}}").build());
        samples.put("1", "Here's what I found");
        if (choices.kind() == Choices.Kind.BUTTONS) {
            List<Content.QuickReplyAction> actions = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                actions.add(new Content.QuickReplyAction.Builder("{{" + (2 + 2 * i) + "}}").id("{{" + (3 + 2 * i) + "}}").build());
                samples.put(Integer.toString(2 + 2 * i), "Option " + (i + 1));
                samples.put(Integer.toString(3 + 2 * i), "option-" + (i + 1));
            }
            types.twilioQuickReply(new Content.TwilioQuickReply.Builder("{{1}}", actions).build());
        } else {
            List<Content.ListItem> items = new ArrayList<>();
            samples.put("2", "View options");
            for (int i = 0; i < n; i++) {
                items.add(new Content.ListItem.Builder("{{" + (4 + 3 * i) + "}}", "{{" + (3 + 3 * i) + "}}")
                        .description("{{" + (5 + 3 * i) + "}}").build());
                samples.put(Integer.toString(3 + 3 * i), "Item " + (i + 1));
                samples.put(Integer.toString(4 + 3 * i), "item-" + (i + 1));
                samples.put(Integer.toString(5 + 3 * i), "About item " + (i + 1));
            }
            types.twilioListPicker(new Content.TwilioListPicker.Builder("{{1}}", "{{2}}", items).build());
        }
        Content.ContentCreateRequest request = new Content.ContentCreateRequest.Builder("en", types.build())
                .friendlyName("shopkeeper-" + shape).variables(samples).build();
        String sid = new ContentCreator(request).create(client).getSid();
        int written = db.insertInto(PLATFORM_CONTENTS)
                .set(PLATFORM_CONTENTS.PLATFORM, PLATFORM).set(PLATFORM_CONTENTS.SHAPE, shape)
                .set(PLATFORM_CONTENTS.CONTENT_ID, sid).set(PLATFORM_CONTENTS.CREATED_AT, clock.instant())
                .onConflictDoNothing().execute();
        log.info("twilio: content {} made for {}{}", sid, shape, written == 1 ? "" : " (another instance made one first: theirs is used)");
        return written == 1 ? sid : stored(shape).orElse(sid);
    }
}
