package com.shopkeeper.order;

import com.shopkeeper.cart.CartItem;
import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.money.Money;
import com.shopkeeper.order.OrderCreation.Reason;
import com.shopkeeper.order.OrderStatusChanged.Cause;
import com.shopkeeper.web.ConflictException;
import com.shopkeeper.web.NotFoundException;
import com.shopkeeper.web.PageOf;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders: made from a conversation's cart at the catalog's current prices, then moved through
 * {@link OrderStatus}'s lifecycle. Every move is announced as {@link OrderStatusChanged}.
 */
@Service
public class OrderService {

    /** How many orders check_order_status reports. */
    public static final int STATUS_REPORT_SIZE = 5;
    private static final Logger log = LoggerFactory.getLogger(OrderService.class);

    private final OrderRepository orders;
    private final CartRepository carts;
    private final ProductService products;
    private final ConversationRepository conversations;
    private final PaymentConfirmedHandler paymentConfirmed;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;

    OrderService(OrderRepository orders, CartRepository carts, ProductService products,
                 ConversationRepository conversations, PaymentConfirmedHandler paymentConfirmed,
                 ApplicationEventPublisher events, MeterRegistry meters) {
        this.meters = meters;
        this.orders = orders;
        this.carts = carts;
        this.products = products;
        this.conversations = conversations;
        this.paymentConfirmed = paymentConfirmed;
        this.events = events;
    }

    /**
     * Makes an order of everything in the conversation's cart, priced from the catalog as it is
     * now (never from anything the shopper or the LLM said). A pending order of the same
     * conversation is superseded: cancelled in the same transaction, so there is never more than
     * one. A refusal changes nothing. The cart stays as it is until the order is paid.
     *
     * @throws NotFoundException when there is no such conversation
     */
    @Transactional
    public OrderCreation createFromCart(String conversationId) {
        OrderCreation result = create(conversationId);
        // Not "shopkeeper.orders.created": Prometheus reserves the _created suffix, and the name would be
        // exported as shopkeeper_orders_total anyway.
        String outcome = result instanceof OrderCreation.Refused refused
                ? refused.reason().name().toLowerCase(java.util.Locale.ROOT) : "created";
        meters.counter("shopkeeper.orders", "outcome", outcome).increment();
        return result;
    }

    private OrderCreation create(String conversationId) {
        Conversation conversation = conversations.find(conversationId)
                .orElseThrow(() -> new NotFoundException("No such conversation: " + conversationId));
        List<CartItem> cart = carts.items(conversationId);
        if (cart.isEmpty()) {
            return new OrderCreation.Refused(Reason.EMPTY_CART, "The cart is empty: add something first.", List.of());
        }
        Map<String, Product> live = products.findAll(cart.stream().map(CartItem::productId).toList()).stream()
                .collect(Collectors.toMap(Product::id, Function.identity()));

        List<String> gone = cart.stream().map(CartItem::productId).filter(id -> !live.containsKey(id)).toList();
        if (!gone.isEmpty()) {
            return new OrderCreation.Refused(Reason.PRODUCT_UNAVAILABLE, (gone.size() == 1 ? "1 item" : gone.size() + " items")
                    + " in the cart " + (gone.size() == 1 ? "is" : "are") + " no longer sold: remove "
                    + (gone.size() == 1 ? "it" : "them") + " to order the rest.", gone);
        }
        List<Product> outOfStock = cart.stream().map(i -> live.get(i.productId())).filter(p -> !p.inStock()).toList();
        if (!outOfStock.isEmpty()) {
            return new OrderCreation.Refused(Reason.OUT_OF_STOCK, outOfStock.stream().map(Product::name)
                    .collect(Collectors.joining(", ")) + (outOfStock.size() == 1 ? " is" : " are")
                    + " out of stock: remove " + (outOfStock.size() == 1 ? "it" : "them") + " to order the rest.",
                    outOfStock.stream().map(Product::id).toList());
        }
        Set<String> currencies = cart.stream().map(i -> live.get(i.productId()).price().currencyCode())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (currencies.size() > 1) {
            return new OrderCreation.Refused(Reason.MIXED_CURRENCIES,
                    "The cart mixes currencies (" + String.join(", ", currencies) + "); one order is paid in one currency.",
                    cart.stream().map(CartItem::productId).toList());
        }

        List<OrderItem> items = new ArrayList<>(cart.size());
        Money total = Money.zero(currencies.iterator().next());
        for (CartItem line : cart) {
            Product p = live.get(line.productId());
            OrderItem item = new OrderItem(p.id(), p.name(), line.quantity(), p.price());
            items.add(item);
            total = total.plus(item.lineTotal());
        }

        String superseded = null;
        Optional<Order> pending = orders.findPendingForConversation(conversationId);
        if (pending.isPresent()) {
            superseded = pending.get().id();
            move(pending.get(), OrderStatus.CANCELLED, Cause.SUPERSEDED);
        }
        Order order = orders.insert(conversation.userId(), conversationId, items, total, OrderStatus.PENDING_PAYMENT);
        log.info("order={} conversation={} created: {} lines, {}{}", order.id(), conversationId, items.size(), total,
                superseded == null ? "" : ", superseding " + superseded);
        return new OrderCreation.Created(order, superseded);
    }

    /** Whether this order still waits for payment (read now). */
    public boolean isPending(String orderId) {
        return orders.isPending(orderId);
    }

    public Optional<Order> find(String id) {
        return orders.find(id);
    }

    public Order get(String id) {
        return orders.find(id).orElseThrow(() -> new NotFoundException("No such order: " + id));
    }

    public PageOf<Order> list(OrderStatus status, Instant from, Instant to, PageOf.Request page) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("'from' must be before 'to'");
        }
        return orders.list(status, from, to, page);
    }

    /**
     * check_order_status: the shopper's latest orders (of every conversation they had), newest first.
     *
     * @throws NotFoundException when there is no such conversation
     */
    public List<OrderSummary> checkOrderStatus(String conversationId) {
        Conversation conversation = conversations.find(conversationId)
                .orElseThrow(() -> new NotFoundException("No such conversation: " + conversationId));
        return orders.latestForUser(conversation.userId(), STATUS_REPORT_SIZE).stream().map(OrderSummary::of).toList();
    }

    /**
     * The shop owner moves an order along its lifecycle.
     *
     * @throws NotFoundException when there is no such order
     * @throws ConflictException when the lifecycle does not allow the move
     */
    @Transactional
    public Order changeStatus(String id, OrderStatus next) {
        Order order = get(id);
        if (order.status() == next) {
            return order; // a repeated PATCH is not an error, and nobody is told twice
        }
        if (!order.status().canMoveTo(next)) {
            throw new ConflictException("An order that is " + order.status() + " cannot become " + next
                    + (order.status().isTerminal() ? " (" + order.status() + " is final)." : "; it can become "
                    + order.status().next() + "."));
        }
        return move(order, next, Cause.ADMIN).orElseGet(() -> {
            // Moved between our read and our write, by another instance perhaps: PostgreSQL does not
            // hold the row between the two as SQLite's write lock did. Moved where we wanted, it is a
            // repeated PATCH after all (the one that moved it told the shopper).
            Order now = get(id);
            if (now.status() == next) {
                return now;
            }
            throw new ConflictException("The order changed meanwhile; read it again.");
        });
    }

    /**
     * Moves an order from {@code expected} to {@code next} if it is still there, for the payment
     * side (webhooks, polling, the pay page). Empty when the order had already moved on: the
     * caller's news is stale, which is normal with at-least-once webhooks.
     */
    @Transactional
    public Optional<Order> settle(String id, OrderStatus expected, OrderStatus next, Cause cause) {
        if (!expected.canMoveTo(next)) {
            throw new IllegalArgumentException(expected + " cannot become " + next);
        }
        return orders.find(id).filter(o -> o.status() == expected).flatMap(o -> move(o, next, cause));
    }

    private Optional<Order> move(Order order, OrderStatus next, Cause cause) {
        if (!orders.changeStatus(order.id(), order.status(), next)) {
            return Optional.empty();
        }
        Order moved = orders.find(order.id()).orElseThrow();
        log.info("order={} {} -> {} ({})", order.id(), order.status(), next, cause);
        meters.counter("shopkeeper.orders.status", "to", next.name(), "cause", cause.name()).increment();
        events.publishEvent(new OrderStatusChanged(moved, order.status(), next, cause));
        if (next == OrderStatus.PAID) {
            paymentConfirmed.handle(moved);
        }
        return Optional.of(moved);
    }
}
