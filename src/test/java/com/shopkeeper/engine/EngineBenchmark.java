package com.shopkeeper.engine;

import com.shopkeeper.ShopkeeperApplication;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.TransitionTable;
import com.shopkeeper.catalog.search.ProductSearch;
import com.shopkeeper.catalog.search.SearchMode;
import com.shopkeeper.llm.LlmProvider;
import com.shopkeeper.llm.LlmReply;
import com.shopkeeper.llm.LlmRequest;
import com.shopkeeper.llm.PromptSize;
import com.shopkeeper.llm.ToolCall;
import com.shopkeeper.llm.Usage;
import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.shopper.ShopperRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The engine benchmark (./sk -Pbench-engine verify): a typical ten-turn dialog, many times over,
 * through {@link ConversationEngine#process} on the real application (SQLite file, embedded or
 * configured Redis, the demo catalog and its search index), with a model that answers instantly,
 * so what is timed is the engine's own work per turn: everything but the LLM call. It also sizes
 * every turn's prompt as sent (only the state's functions) and as it would be with every function.
 */
public final class EngineBenchmark {

    private static final String[] ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth"};

    /**
     * The dialog: the shopper's words, and the call a model would make for them. A purchase that
     * goes through: the products it picks are the first in stock among each search's results, as
     * the catalog and its search index stand ({@link #purchase}).
     */
    static List<String[]> DIALOG = purchase(2, 1);

    static List<String[]> purchase(int backpack, int lamp) {
        return List.of(
                new String[] {"do you have backpacks?", "search_products", "{\"query\":\"backpack\"}"},
                new String[] {"the " + ORDINALS[backpack - 1] + " one", "get_product_details", "{\"product\":\"" + backpack + "\"}"},
                new String[] {"add 2", "add_to_cart", "{\"quantity\":2}"},
                new String[] {"any lamps?", "search_products", "{\"query\":\"lamp\"}"},
                new String[] {"the " + ORDINALS[lamp - 1], "get_product_details", "{\"product\":\"" + lamp + "\"}"},
                new String[] {"add it", "add_to_cart", "{}"},
                new String[] {"what's in my cart", "view_cart", "{}"},
                new String[] {"remove the first", "remove_from_cart", "{\"product\":\"1\"}"},
                new String[] {"checkout", "create_order", "{}"},
                new String[] {"pay", "get_payment_link", "{}"},
                new String[] {"where is my order", "check_order_status", "{}"});
    }

    /**
     * Which product of a search's list (from 1) to buy: the engine lists what is in stock first, so
     * the first one, when any of the results the list is made from is in stock.
     */
    static int firstInStock(ProductSearch search, String query, int shown) {
        List<ProductSearch.Hit> hits = search.search(new ProductSearch.Request(query, SearchMode.HYBRID, null, null, null, null,
                shown)).hits();
        if (hits.stream().anyMatch(h -> h.product().inStock())) {
            return 1;
        }
        throw new IllegalStateException("no " + query + " in stock among the first " + shown + " results");
    }

    /**
     * A shopper who looks and leaves, the commonest conversation in a shop's chat: prompts only, to
     * size gating where it saves most (the purchase above is where it saves least: a cart's states
     * allow nearly every function).
     */
    static final List<String[]> BROWSE = List.of(
            new String[] {"hi, do you sell lamps?", "search_products", "{\"query\":\"lamp\"}"},
            new String[] {"the third one", "get_product_details", "{\"product\":\"3\"}"},
            new String[] {"anything cheaper?", "search_products", "{\"query\":\"lamp\",\"max_price\":40}"},
            new String[] {"show me the first", "get_product_details", "{\"product\":\"1\"}"},
            new String[] {"and backpacks under $80?", "search_products", "{\"query\":\"backpack\",\"max_price\":80}"},
            // The first: the list of backpacks under $80 holds one backpack (the demo catalog's only one).
            new String[] {"that one", "get_product_details", "{\"product\":\"1\"}"});

    static final class InstantModel implements LlmProvider {
        /** Where this dialog's prompt sizes go (the benchmark switches it between dialogs). */
        List<PromptSize> gated = new ArrayList<>();
        List<PromptSize> allTools = new ArrayList<>();
        /** The stand-in model's own time (sizing prompts), taken out of the engine's. */
        long nanos;

        @Override
        public String name() {
            return "bench";
        }

        @Override
        public LlmReply generateResponse(LlmRequest request) {
            long start = System.nanoTime();
            gated.add(PromptSize.of(request));
            allTools.add(PromptSize.of(request, TransitionTable.modelFunctions()));
            LlmReply reply = new LlmReply("ok", List.of(), LlmReply.OTHER, null, Usage.none("bench"));
            for (String[] turn : java.util.stream.Stream.concat(DIALOG.stream(), BROWSE.stream()).toList()) {
                if (turn[0].equals(request.userText())) {
                    reply = new LlmReply("", List.of(new ToolCall("bench", turn[1], turn[2])), turn[1], null, Usage.none("bench"));
                }
            }
            nanos += System.nanoTime() - start;
            return reply;
        }

        @Override
        public List<float[]> getEmbeddings(List<String> texts) {
            throw new UnsupportedOperationException();
        }
    }

    public static void main(String[] args) throws Exception {
        int dialogs = Integer.getInteger("bench.dialogs", 150);
        Path dir = Files.createTempDirectory("shopkeeper-engine-bench");
        InstantModel model = new InstantModel();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ShopkeeperApplication.class)
                .initializers(ctx -> ((GenericApplicationContext) ctx).registerBean(LlmProvider.class, () -> model))
                .properties(Map.of(
                        "shopkeeper.db.url", "jdbc:sqlite:" + dir.resolve("bench.db"),
                        "shopkeeper.crypto.key-dir", dir.resolve("keys").toString(),
                        "shopkeeper.admin.bootstrap-token-file", dir.resolve("admin-token").toString(),
                        "shopkeeper.llm.provider", "bench",
                        "shopkeeper.roles", "gateway",
                        "server.port", "0",
                        "logging.level.com.shopkeeper", "WARN"))
                .run();
        try {
            ConversationEngine engine = app.getBean(ConversationEngine.class);
            ShopperRepository shoppers = app.getBean(ShopperRepository.class);
            ConversationRepository conversations = app.getBean(ConversationRepository.class);
            var messages = app.getBean(com.shopkeeper.conversation.MessageRepository.class);
            var turns = app.getBean(com.shopkeeper.conversation.TurnRepository.class);
            var tx = app.getBean(org.springframework.transaction.support.TransactionTemplate.class);
            // What the pipeline does before the engine: the message recorded, its turn opened (not timed here).
            java.util.function.BiFunction<InboundMessage, Conversation, com.shopkeeper.conversation.Turn> received =
                    (message, c) -> tx.execute(s -> turns.open(messages.append(c.id(),
                            com.shopkeeper.conversation.Message.Role.USER, message.text(), message.platformMessageId()),
                            com.shopkeeper.conversation.Turn.Kind.MESSAGE, com.shopkeeper.conversation.Turn.Status.RECEIVED));
            // The catalog's vectors are made in the background at start-up: wait for them, so that
            // every dialog sees the same search results, then pick products that can be bought.
            ProductSearch search = app.getBean(ProductSearch.class);
            long deadline = System.nanoTime() + java.time.Duration.ofMinutes(5).toNanos();
            while (search.status().embedded() < search.status().products() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            int shown = app.getBean(EngineProperties.class).resultsShown();
            DIALOG = purchase(firstInStock(search, "backpack", shown), firstInStock(search, "lamp", shown));
            AtomicLong ids = new AtomicLong();
            List<Long> nanos = new ArrayList<>();
            List<Long> cpu = new ArrayList<>();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            List<List<Long>> byTurn = new ArrayList<>();
            DIALOG.forEach(turn -> byTurn.add(new ArrayList<>()));
            int warmup = Integer.getInteger("bench.warmup", 250); // until the JIT has compiled the hot paths: a server runs warm
            for (int d = 0; d < warmup + dialogs; d++) {
                if (d == warmup) {
                    model.gated = new ArrayList<>();
                    model.allTools = new ArrayList<>();
                }
                String address = "bench:" + d;
                Conversation c = conversations.create(shoppers.touch(address, "Bench").id(), "bench");
                for (int i = 0; i < DIALOG.size(); i++) {
                    var message = new InboundMessage("bench", "bench-" + ids.incrementAndGet(), address, "Bench", DIALOG.get(i)[0], List.of());
                    Conversation before = conversations.find(c.id()).orElseThrow();
                    var turn = received.apply(message, before);
                    long modelBefore = model.nanos;
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    engine.process(turn, message, before);
                    long modelTime = model.nanos - modelBefore;
                    if (d >= warmup) {
                        nanos.add(System.nanoTime() - start - modelTime);
                        cpu.add(threads.getCurrentThreadCpuTime() - cpuStart - modelTime);
                        byTurn.get(i).add(nanos.getLast());
                    }
                }
            }
            List<PromptSize> purchaseGated = model.gated;
            List<PromptSize> purchaseAll = model.allTools;
            model.gated = new ArrayList<>();
            model.allTools = new ArrayList<>();
            for (int d = 0; d < 20; d++) {
                String address = "browse:" + d;
                Conversation c = conversations.create(shoppers.touch(address, "Bench").id(), "bench");
                for (String[] turn : BROWSE) {
                    var message = new InboundMessage("bench", "browse-" + ids.incrementAndGet(), address, "Bench", turn[0], List.of());
                    var now = conversations.find(c.id()).orElseThrow();
                    engine.process(received.apply(message, now), message, now);
                }
            }

            var steps = com.shopkeeper.db.Tables.CONVERSATION_TRANSITIONS;
            int refused = app.getBean(org.jooq.DSLContext.class).fetchCount(steps, steps.OUTCOME.eq("REFUSED"));
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("%nEngine benchmark: %d dialogs x %d turns on %d cores (after %d warm-up dialogs)%n",
                    dialogs, DIALOG.size(), Runtime.getRuntime().availableProcessors(), warmup);
            System.out.printf("the purchase: %s; refused calls in all dialogs: %d%n",
                    DIALOG.stream().map(turn -> turn[0]).toList(), refused);
            System.out.printf("engine overhead per turn (everything but the LLM call): median %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                    ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99));
            long[] cpuSorted = cpu.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("  of which the turn's own CPU: median %.2f ms (the rest: other threads on two cores, SQLite's lock)%n",
                    ms(cpuSorted, 0.50));
            StringBuilder turnsLine = new StringBuilder("  median by turn:");
            for (int i = 0; i < DIALOG.size(); i++) {
                long[] t = byTurn.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
                turnsLine.append(String.format(" %s %.1f;", DIALOG.get(i)[1], ms(t, 0.50)));
            }
            System.out.println(turnsLine);
            tokens("a purchase (the dialog above)", purchaseGated, purchaseAll);
            tokens("a shopper who browses and leaves (" + BROWSE.size() + " turns)", model.gated, model.allTools);
        } finally {
            app.close();
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static double avgOf(List<PromptSize> xs, java.util.function.ToIntFunction<PromptSize> part) {
        return xs.stream().mapToInt(part).average().orElse(0);
    }

    private static void tokens(String dialog, List<PromptSize> gated, List<PromptSize> all) {
        double g = avgOf(gated, PromptSize::total);
        double a = avgOf(all, PromptSize::total);
        System.out.printf("input tokens per turn (estimate), %s: gated %.0f, every tool %.0f (%.0f%% fewer with gating)%n",
                dialog, g, a, 100 * (1 - g / a));
        System.out.printf("  gated turn by part: system %.0f, tools %.0f (every tool: %.0f), context %.0f, history %.0f, message %.0f%n",
                avgOf(gated, PromptSize::system), avgOf(gated, PromptSize::tools), avgOf(all, PromptSize::tools),
                avgOf(gated, PromptSize::context), avgOf(gated, PromptSize::history), avgOf(gated, PromptSize::userText));
    }

}
