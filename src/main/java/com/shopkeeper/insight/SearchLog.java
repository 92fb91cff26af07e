package com.shopkeeper.insight;

import static com.shopkeeper.db.Tables.CONVERSATION_TRANSITIONS;
import static com.shopkeeper.db.Tables.SEARCHES;

import com.shopkeeper.config.Ids;
import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.crypto.FieldCipher;
import com.shopkeeper.crypto.SensitiveField;
import com.shopkeeper.db.tables.ConversationTransitions;
import com.shopkeeper.db.tables.Searches;
import com.shopkeeper.db.tables.records.SearchesRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The searches the bot ran for shoppers (search_products calls), and what the funnel reads from
 * them. The query is what the shopper typed: encrypted at rest, like their messages.
 */
@Repository
public class SearchLog {

    /** What counts as following a search up: looking at a product it found, or putting one in the cart. */
    private static final List<String> FOLLOW_UPS = List.of(Event.GET_PRODUCT_DETAILS.wireName(), Event.ADD_TO_CART.wireName());
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    private final DSLContext db;
    private final FieldCipher cipher;
    private final Clock clock;
    private final Counter withResults;
    private final Counter empty;

    SearchLog(DSLContext db, FieldCipher cipher, Clock clock, MeterRegistry meters) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
        this.withResults = Counter.builder("shopkeeper.searches").tag("outcome", "results")
                .description("search_products calls the bot ran, by whether they found anything").register(meters);
        this.empty = Counter.builder("shopkeeper.searches").tag("outcome", "empty")
                .description("search_products calls the bot ran, by whether they found anything").register(meters);
    }

    /**
     * Records a search the engine ran; call it in the turn's transaction, so that it lands with the
     * turn (the counter counts the search even if the turn is rolled back later: it did run).
     */
    public void record(String conversationId, String query, int resultCount) {
        SearchesRecord r = db.newRecord(SEARCHES);
        r.setId(Ids.next());
        r.setConversationId(conversationId);
        r.setQuery(cipher.seal(SensitiveField.SEARCH_QUERY, query == null ? "" : query));
        r.setResultCount(resultCount);
        r.setAt(clock.instant());
        r.insert();
        (resultCount > 0 ? withResults : empty).increment();
    }

    /** How many searches ran in the window, how many found something, how many found nothing. */
    SearchCounts counts(Window w) {
        Record3<Integer, Integer, Integer> r = db.select(DSL.count(),
                        DSL.count(DSL.when(SEARCHES.RESULT_COUNT.gt(0), DSL.inline(1))),
                        DSL.count(DSL.when(SEARCHES.RESULT_COUNT.eq(0), DSL.inline(1))))
                .from(SEARCHES).where(w.contains(SEARCHES.AT)).fetchSingle();
        return new SearchCounts(r.value1(), r.value2(), r.value3());
    }

    record SearchCounts(long searches, long withResults, long noResult) {
    }

    /**
     * Searches in the window that found something and were followed up: the conversation's next
     * applied function call after the search (before the window ends and before its next search)
     * asked for a product's details or added one to the cart. Ids are time-ordered (UUIDv7) and
     * a search is recorded just before its own search_products step, in the same transaction.
     */
    long followedUp(Window w) {
        Searches s = SEARCHES.as("s");
        return db.fetchCount(DSL.selectOne().from(s)
                .where(w.contains(s.AT), s.RESULT_COUNT.gt(0), nextCallAfter(s, w).in(FOLLOW_UPS)));
    }

    private static Field<String> nextCallAfter(Searches s, Window w) {
        ConversationTransitions t = CONVERSATION_TRANSITIONS.as("t");
        Searches later = SEARCHES.as("later");
        Condition beforeNextSearch = DSL.notExists(DSL.selectOne().from(later).where(
                later.CONVERSATION_ID.eq(s.CONVERSATION_ID), later.ID.gt(s.ID), later.ID.lt(t.ID)));
        return DSL.field(DSL.select(t.EVENT).from(t)
                .where(t.CONVERSATION_ID.eq(s.CONVERSATION_ID), t.OUTCOME.eq(Transition.Outcome.APPLIED.name()),
                        t.EVENT.in(functionsOtherThanSearch()), t.ID.gt(s.ID), t.AT.lt(w.to()), beforeNextSearch)
                .orderBy(t.ID).limit(1));
    }

    private static List<String> functionsOtherThanSearch() {
        return Event.functions().stream().filter(e -> e != Event.SEARCH_PRODUCTS).map(Event::wireName).toList();
    }

    /**
     * What shoppers searched for in vain, normalised (trimmed, lower case, single spaces), most
     * asked first. The queries are encrypted with a random nonce, so they are grouped here, after
     * decryption, streaming through the window's empty searches.
     */
    List<QueryCount> noResultQueries(Window w, int limit) {
        Map<String, Long> counts = new HashMap<>();
        try (Cursor<Record1<String>> rows = db.select(SEARCHES.QUERY).from(SEARCHES)
                .where(w.contains(SEARCHES.AT), SEARCHES.RESULT_COUNT.eq(0)).fetchSize(500).fetchLazy()) {
            for (Record1<String> row : rows) {
                counts.merge(normalised(cipher.open(SensitiveField.SEARCH_QUERY, row.value1())), 1L, Long::sum);
            }
        }
        return counts.entrySet().stream()
                .map(e -> new QueryCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(QueryCount::count).reversed().thenComparing(QueryCount::query))
                .limit(limit).toList();
    }

    static String normalised(String query) {
        return SPACES.matcher(query.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** A query as shoppers typed it (normalised) and how often. */
    @Schema(name = "NoResultQuery")
    record QueryCount(String query, long count) {
    }
}
