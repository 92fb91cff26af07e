package com.shopkeeper.monitor;

import static com.shopkeeper.db.Tables.CART_ITEMS;

import com.shopkeeper.cart.CartLine;
import com.shopkeeper.cart.Carts;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.conversation.NeedsPerson;
import com.shopkeeper.conversation.MessageRepository;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.messaging.OutboundLog;
import com.shopkeeper.messaging.ShopperMessenger;
import com.shopkeeper.money.Money;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderPayments;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.shopper.Shopper;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.web.NotFoundException;
import com.shopkeeper.web.PageOf;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;

/**
 * The admin's read model of conversations: one page of them with shopper, cart size and open order
 * in a handful of queries (not one per row), and one conversation in full. Shoppers appear masked.
 * No transaction around the reads on purpose: on SQLite every transaction begins IMMEDIATE, taking
 * the write lock the workers need, and an admin view may be a few milliseconds inconsistent.
 */
@Service
class ConversationDirectory {

    /** Orders still under way: the conversation has an order to watch. */
    private static final Set<OrderStatus> OPEN = EnumSet.of(OrderStatus.PENDING_PAYMENT, OrderStatus.PAID,
            OrderStatus.FULFILLED, OrderStatus.SHIPPED);
    static final int MESSAGE_LIMIT = 500;
    /** The latest messages handed to the platform whose delivery the page shows. */
    static final int OUTBOUND_LIMIT = 1000;

    private final DSLContext db;
    private final ConversationRepository conversations;
    private final ShopperRepository shoppers;
    private final MessageRepository messages;
    private final TransitionLog transitions;
    private final Carts carts;
    private final OrderRepository orders;
    private final OrderPayments payments;
    private final OutboundLog outbound;
    private final ShopperMessenger messenger;

    ConversationDirectory(DSLContext db, ConversationRepository conversations, ShopperRepository shoppers,
                          MessageRepository messages, TransitionLog transitions, Carts carts,
                          OrderRepository orders, OrderPayments payments, OutboundLog outbound,
                          ShopperMessenger messenger) {
        this.payments = payments;
        this.outbound = outbound;
        this.messenger = messenger;
        this.db = db;
        this.conversations = conversations;
        this.shoppers = shoppers;
        this.messages = messages;
        this.transitions = transitions;
        this.carts = carts;
        this.orders = orders;
    }

    /** @param handoff while a person from the shop has it (state HANDOFF): since when, why, who took it */
    record Summary(String id, String shopper, String platform, State state, Instant createdAt, Instant updatedAt,
                   int cartSize, OrderRef openOrder, NeedsPerson needsPerson, ConversationRepository.Handoff handoff) {
    }

    record OrderRef(String id, String reference, String status, String total, String currency, Instant createdAt) {
        static OrderRef of(Order o) {
            return new OrderRef(o.id(), o.reference(), o.status().name(), o.total().amount().toPlainString(),
                    o.total().currencyCode(), o.createdAt());
        }
    }

    /**
     * @param handoff while a person from the shop has it (state HANDOFF): since when, why, who took it,
     *                the state a hand back returns to
     * @param reach   whether a person's message would go now as free-form text, only as a template
     *                (WhatsApp's 24-hour window has closed), or not at all (the shopper opted out)
     */
    record Detail(String id, String shopper, String shopperName, String platform, State state, long version,
                  Instant createdAt, Instant updatedAt, String activeProductId, Cart cart, List<OrderRef> orders,
                  List<MessageView> messages, int messageCount, NeedsPerson needsPerson,
                  List<OutboundLog.Entry> notices, ConversationRepository.Handoff handoff,
                  ShopperMessenger.Reach reach) {
    }

    record Cart(List<Line> items, int size, String total, String currency) {
    }

    record Line(String productId, String name, int quantity, String unitPrice, String lineTotal, boolean inStock) {
    }

    /** @param delivery where the platform says the reply stands (queued, sent, delivered, read, failed), for a reply sent on a platform that tells */
    record MessageView(String id, String role, String text, Instant at, String delivery, String errorCode) {
    }

    /** One step of the log; a refused one says why and where it tried to go ({@code tried_to}). */
    record Step(int seq, State from, String event, State to, Instant at, String outcome, String reason,
                State triedTo, String messageId) {
        static Step of(Transition t) {
            boolean refused = t.outcome() == Transition.Outcome.REFUSED;
            return new Step(t.seq(), t.from(), t.event(), t.to(), t.at(), t.outcome().name(), t.reason(),
                    refused ? Activity.triedTarget(t.from(), t.event()) : null, t.messageId());
        }
    }

    PageOf<Summary> list(State state, boolean needsPerson, PageOf.Request page) {
        PageOf<Conversation> found = conversations.list(state, needsPerson, page);
        List<String> ids = found.items().stream().map(Conversation::id).toList();
        Map<String, Shopper> who = shoppers.findAll(found.items().stream().map(Conversation::userId).distinct().toList())
                .stream().collect(Collectors.toMap(Shopper::id, Function.identity()));
        Map<String, Integer> cartSizes = cartSizes(ids);
        Map<String, OrderRef> open = openOrders(ids);
        Map<String, NeedsPerson> waiting = conversations.needsPerson(ids);
        Map<String, ConversationRepository.Handoff> withPerson = conversations.handoffs(ids);
        return found.map(c -> new Summary(c.id(), maskedAddress(who.get(c.userId())), c.platform(), c.state(),
                c.createdAt(), c.updatedAt(), cartSizes.getOrDefault(c.id(), 0), open.get(c.id()), waiting.get(c.id()),
                withPerson.get(c.id())));
    }

    /** @throws NotFoundException when there is no such conversation */
    void requireExists(String id) {
        if (conversations.find(id).isEmpty()) {
            throw new NotFoundException("no conversation " + id);
        }
    }

    Detail get(String id) {
        Conversation c = conversations.find(id).orElseThrow(() -> new NotFoundException("no conversation " + id));
        Shopper shopper = shoppers.find(c.userId()).orElse(null);
        List<Order> conversationOrders = orders.forConversation(id);
        // The replies carry the pay links the shopper was sent; whoever holds the sandbox's pays the order.
        UnaryOperator<String> hideLinks = payments.linkHider(conversationOrders.stream().map(Order::id).toList());
        List<OutboundLog.Entry> outbound = this.outbound.of(id, OUTBOUND_LIMIT);
        // A reply split in several platform messages stands where its least advanced part stands.
        Map<String, OutboundLog.Entry> deliveries = outbound.stream().filter(e -> e.replyTo() != null)
                .collect(Collectors.toMap(OutboundLog.Entry::replyTo, Function.identity(),
                        (a, b) -> a.statusRank() <= b.statusRank() ? a : b));
        List<MessageView> recent = messages.recent(id, MESSAGE_LIMIT).stream()
                .map(m -> {
                    OutboundLog.Entry sent = deliveries.get(m.id());
                    return new MessageView(m.id(), m.role() == Message.Role.USER ? "user" : "assistant",
                            hideLinks.apply(m.content()), m.timestamp(), sent == null ? null : sent.status(),
                            sent == null ? null : sent.errorCode());
                })
                .toList();
        List<OutboundLog.Entry> notices = outbound.stream().filter(e -> "notice".equals(e.kind())).toList();
        List<OrderRef> theirOrders = conversationOrders.stream().map(OrderRef::of).toList();
        return new Detail(c.id(), maskedAddress(shopper), shopper == null ? null : shopper.name(), c.platform(),
                c.state(), c.version(), c.createdAt(), c.updatedAt(), c.activeProductId(), cart(id), theirOrders,
                recent, messages.count(id), conversations.needsPerson(List.of(id)).get(id), notices,
                conversations.handoff(id).orElse(null), messenger.reach(id));
    }

    /** A person from the shop has taken care of what the conversation waited for. */
    void answeredByPerson(String id) {
        if (conversations.find(id).isEmpty()) {
            throw new NotFoundException("no conversation " + id);
        }
        conversations.answeredByPerson(id);
    }

    List<Step> path(String id) {
        if (conversations.find(id).isEmpty()) {
            throw new NotFoundException("no conversation " + id);
        }
        return transitions.forConversation(id).stream().map(Step::of).toList();
    }

    private Cart cart(String conversationId) {
        List<CartLine> lines = carts.lines(conversationId);
        Money total = CartLine.total(lines);
        return new Cart(lines.stream().map(l -> new Line(l.product().id(), l.product().name(), l.quantity(),
                        l.product().price().amount().toPlainString(), l.total().amount().toPlainString(), l.product().inStock()))
                .toList(), CartLine.units(lines), total == null ? null : total.amount().toPlainString(),
                total == null ? null : total.currencyCode());
    }

    private Map<String, Integer> cartSizes(List<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        var units = DSL.sum(CART_ITEMS.QUANTITY);
        Map<String, Integer> sizes = new HashMap<>();
        db.select(CART_ITEMS.CONVERSATION_ID, units).from(CART_ITEMS)
                .where(CART_ITEMS.CONVERSATION_ID.in(conversationIds))
                .groupBy(CART_ITEMS.CONVERSATION_ID)
                .forEach(r -> sizes.put(r.value1(), r.value2() == null ? 0 : r.value2().intValue()));
        return sizes;
    }

    /** Each conversation's latest order still under way. */
    private Map<String, OrderRef> openOrders(List<String> conversationIds) {
        Map<String, OrderRef> open = new HashMap<>();
        for (Order o : orders.forConversations(conversationIds, OPEN)) {
            open.putIfAbsent(o.conversationId(), OrderRef.of(o)); // newest first: the first one is the latest
        }
        return open;
    }

    private static String maskedAddress(Shopper shopper) {
        return shopper == null ? null : shopper.masked();
    }
}
