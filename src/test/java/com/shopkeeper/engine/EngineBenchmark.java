package com.shopkeeper.engine;

import com.shopkeeper.ShopkeeperApplication;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Event;
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
 * every turn's prompt as sent (only the state's functions) and as it would be with all eight.
 */
public final class EngineBenchmark {

    /** The dialog: the shopper's words, and the call a model would make for them. */
    static final List<String[]> DIALOG = List.of(
            new String[] {"do you have backpacks?", "search_products", "{\"query\":\"backpack\"}"},
            new String[] {"the second one", "get_product_details", "{\"product\":\"2\"}"},
            new String[] {"add 2", "add_to_cart", "{\"quantity\":2}"},
            new String[] {"any lamps?", "search_products", "{\"query\":\"lamp\"}"},
            new String[] {"the first", "get_product_details", "{\"product\":\"1\"}"},
            new String[] {"add it", "add_to_cart", "{}"},
            new String[] {"what's in my cart", "view_cart", "{}"},
            new String[] {"remove the first", "remove_from_cart", "{\"product\":\"1\"}"},
            new String[] {"checkout", "create_order", "{}"},
            new String[] {"pay", "get_payment_link", "{}"},
            new String[] {"where is my order", "check_order_status", "{}"});

    static final class InstantModel implements LlmProvider {
        final List<Integer> gatedTokens = new ArrayList<>();
        final List<Integer> allToolsTokens = new ArrayList<>();
        final List<PromptSize> parts = new ArrayList<>();

        @Override
        public String name() {
            return "bench";
        }

        @Override
        public LlmReply generateResponse(LlmRequest request) {
            gatedTokens.add(PromptSize.of(request).total());
            parts.add(PromptSize.of(request));
            allToolsTokens.add(PromptSize.of(request, Event.functions()).total());
            for (String[] turn : DIALOG) {
                if (turn[0].equals(request.userText())) {
                    return new LlmReply("", List.of(new ToolCall("bench", turn[1], turn[2])), turn[1], null, Usage.none("bench"));
                }
            }
            return new LlmReply("ok", List.of(), LlmReply.OTHER, null, Usage.none("bench"));
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
            AtomicLong ids = new AtomicLong();
            List<Long> nanos = new ArrayList<>();
            List<Long> cpu = new ArrayList<>();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            List<List<Long>> byTurn = new ArrayList<>();
            DIALOG.forEach(turn -> byTurn.add(new ArrayList<>()));
            int warmup = Math.max(30, dialogs / 3); // until the JIT has compiled the hot paths: a server runs warm
            for (int d = 0; d < warmup + dialogs; d++) {
                String address = "bench:" + d;
                var shopper = shoppers.touch(address, "Bench");
                Conversation c = conversations.create(shopper.id(), "bench");
                for (int i = 0; i < DIALOG.size(); i++) {
                    String[] turn = DIALOG.get(i);
                    var message = new InboundMessage("bench", "bench-" + ids.incrementAndGet(), address, "Bench", turn[0], List.of());
                    Conversation before = conversations.find(c.id()).orElseThrow();
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    engine.process(message, before);
                    if (d >= warmup) {
                        nanos.add(System.nanoTime() - start);
                        cpu.add(threads.getCurrentThreadCpuTime() - cpuStart);
                        byTurn.get(i).add(nanos.getLast());
                    }
                }
            }
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            int turns = DIALOG.size();
            List<Integer> gated = model.gatedTokens.subList(warmup * turns, model.gatedTokens.size());
            List<Integer> all = model.allToolsTokens.subList(warmup * turns, model.allToolsTokens.size());
            System.out.printf("%nEngine benchmark: %d dialogs x %d turns on %d cores (after %d warm-up dialogs)%n",
                    dialogs, turns, Runtime.getRuntime().availableProcessors(), warmup);
            System.out.printf("engine overhead per turn (everything but the LLM call): median %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                    ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99));
            long[] cpuSorted = cpu.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("  of which on the turn's own thread's CPU: median %.2f ms (the rest: waiting for SQLite's lock, Redis, other threads)%n",
                    ms(cpuSorted, 0.50));
            StringBuilder turnsLine = new StringBuilder("  median by turn:");
            for (int i = 0; i < DIALOG.size(); i++) {
                long[] t = byTurn.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
                turnsLine.append(String.format(" %s %.1f;", DIALOG.get(i)[1], ms(t, 0.50)));
            }
            System.out.println(turnsLine);
            System.out.printf("input tokens per turn (estimate): gated %.0f, all eight tools %.0f (%.0f%% fewer with gating)%n",
                    avg(gated), avg(all), 100 * (1 - avg(gated) / avg(all)));
            List<PromptSize> measured = model.parts.subList(warmup * turns, model.parts.size());
            System.out.printf("  gated turn by part: system %.0f, tools %.0f (all eight: %.0f), context %.0f, history %.0f, message %.0f%n",
                    avgOf(measured, PromptSize::system), avgOf(measured, PromptSize::tools),
                    avg(all) - avg(gated) + avgOf(measured, PromptSize::tools), avgOf(measured, PromptSize::context),
                    avgOf(measured, PromptSize::history), avgOf(measured, PromptSize::userText));
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

    private static double avg(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).average().orElse(0);
    }

}
