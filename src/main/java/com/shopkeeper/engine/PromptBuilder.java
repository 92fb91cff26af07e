package com.shopkeeper.engine;

import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.conversation.MessageRepository;
import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.TransitionTable;
import com.shopkeeper.cart.Cart;
import com.shopkeeper.llm.LlmRequest;
import com.shopkeeper.llm.LlmRequest.ChatTurn;
import com.shopkeeper.order.OrderRepository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * What the model sees in a turn: a static system prompt (cacheable across every turn and shopper),
 * a short per-turn context (state, cart, orders, the numbered last results, the product in focus),
 * the last few messages within a token budget, and only the functions the state allows that could
 * do something now ({@link #offered}).
 */
@Component
class PromptBuilder {

    // How to fill a call's arguments (product references, search limits) is said once, where it
    // applies: in the tools' descriptions, which only the turns offered those tools pay for.
    static final String SYSTEM = """
            You are the WhatsApp shop assistant of an online shop. Help the shopper find products, \
            manage their cart, order and pay, by calling the tools you are given. Rules:
            - Only call tools you are offered; if what the shopper wants is not possible now, say what they can do instead.
            - Never state a price, total, stock level or order status yourself: the tools' results are shown to the shopper.
            - Keep any text reply short and friendly, in the shopper's language, WhatsApp style.""";

    private final MessageRepository messages;
    private final ProductService products;
    private final OrderRepository orders;
    private final EngineProperties props;

    PromptBuilder(MessageRepository messages, ProductService products, OrderRepository orders, EngineProperties props) {
        this.messages = messages;
        this.products = products;
        this.orders = orders;
        this.props = props;
    }

    /** {@code answering}: the message whose turn this is (the first of a burst: its others are in {@code userText}). */
    LlmRequest build(Conversation c, String userText, Cart cart, String answering) {
        boolean hasOrders = orders.existsForConversation(c.id());
        return new LlmRequest(SYSTEM, context(c, cart, hasOrders), history(c, answering), userText, c.state(),
                offered(c.state(), cart.isEmpty(), hasOrders));
    }

    /** The functions offered in a turn: the table's {@code offered} column ({@link TransitionTable#offered}). */
    static List<Event> offered(State state, boolean cartEmpty, boolean hasOrders) {
        return TransitionTable.offered(state, cartEmpty, hasOrders);
    }

    private String context(Conversation c, Cart cart, boolean hasOrders) {
        StringBuilder out = new StringBuilder("State: ").append(c.state()).append('\n');
        if (!hasOrders) {
            out.append("Orders: none\n");
        }
        if (cart.isEmpty()) {
            out.append("Cart: empty\n");
        } else {
            out.append("Cart:");
            for (int i = 0; i < cart.size(); i++) {
                out.append(' ').append(i + 1).append(") ").append(cart.lines().get(i).quantity()).append(" x ")
                        .append(cart.lines().get(i).product().name()).append(';');
            }
            out.append('\n');
        }
        EngineContext ctx = EngineContext.read(c.context());
        // The names of the shown products and the one in focus, in one read.
        List<String> wanted = new ArrayList<>(ctx.shown());
        if (c.activeProductId() != null && !wanted.contains(c.activeProductId())) {
            wanted.add(c.activeProductId());
        }
        Map<String, String> names = products.names(wanted);
        if (!ctx.shown().isEmpty()) {
            out.append("Last shown");
            if (ctx.lastQuery() != null) {
                out.append(" (for \"").append(ctx.lastQuery()).append('"');
                if (ctx.lastMinPrice() != null) {
                    out.append(", min ").append(ctx.lastMinPrice().toPlainString());
                }
                if (ctx.lastMaxPrice() != null) {
                    out.append(", max ").append(ctx.lastMaxPrice().toPlainString());
                }
                out.append(')');
            }
            out.append(':');
            List<String> shown = ctx.shown().stream().map(names::get).filter(Objects::nonNull).toList();
            for (int i = 0; i < shown.size(); i++) {
                out.append(' ').append(i + 1).append(") ").append(shown.get(i)).append(';');
            }
            out.append('\n');
        }
        if (c.activeProductId() != null && names.containsKey(c.activeProductId())) {
            out.append("Product in focus: ").append(names.get(c.activeProductId())).append('\n');
        }
        return out.toString();
    }

    /**
     * The latest messages before the one being answered, newest kept first, within the token budget
     * (about four characters a token). Before it, not all but the newest: a burst's later messages
     * are recorded after it and are already in the text being answered.
     */
    private List<ChatTurn> history(Conversation c, String answering) {
        List<Message> recent = messages.recentBefore(c.id(), answering, props.historyMessages());
        List<ChatTurn> kept = new ArrayList<>();
        int budget = props.historyTokenBudget() * 4;
        for (int i = recent.size() - 1; i >= 0; i--) {
            Message m = recent.get(i);
            if (m.content().length() > budget) {
                break;
            }
            budget -= m.content().length();
            kept.add(new ChatTurn(m.role() == Message.Role.USER ? ChatTurn.Speaker.SHOPPER : ChatTurn.Speaker.BOT, m.content()));
        }
        Collections.reverse(kept);
        return kept;
    }
}
