package com.shopkeeper.engine;

import com.shopkeeper.conversation.Refusal;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.messaging.Reply;
import com.shopkeeper.order.OrderCreation;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderService;
import com.shopkeeper.payment.PaymentLinkResult;
import com.shopkeeper.payment.PaymentService;
import com.shopkeeper.shop.ShopSettings;
import java.util.List;
import org.springframework.stereotype.Component;

/** The calls past the cart: the order, its payment link, its status, and questions about the shop. */
final class OrderCalls {

    private OrderCalls() {
    }

    @Component
    static class Create implements CallHandler<FunctionCall.CreateOrder> {
        private final OrderService orders;
        private final ReplyWriter replies;

        Create(OrderService orders, ReplyWriter replies) {
            this.orders = orders;
            this.replies = replies;
        }

        @Override
        public Class<FunctionCall.CreateOrder> handles() {
            return FunctionCall.CreateOrder.class;
        }

        @Override
        public CallExecutor.Effect execute(FunctionCall.CreateOrder o, Situation s, CallExecutor.Prepared p) {
            return switch (orders.createFromCart(s.id())) {
                case OrderCreation.Created created ->
                        new CallExecutor.Effect(List.of(Reply.text(replies.orderCreated(created.order()))
                                .withChoices(replies.orderChoices())), s.ctx(), s.activeProductId());
                case OrderCreation.Refused refused -> throw new CallExecutor.LateRefusal(switch (refused.reason()) {
                    case EMPTY_CART -> Refusal.CART_EMPTY;
                    default -> Refusal.OUT_OF_STOCK;
                });
            };
        }
    }

    /** Reaches the payment provider: {@link CallExecutor#reachesOut} keeps it outside the database transaction. */
    @Component
    static class PaymentLink implements CallHandler<FunctionCall.GetPaymentLink> {
        private final OrderRepository orders;
        private final PaymentService payments;
        private final ReplyWriter replies;

        PaymentLink(OrderRepository orders, PaymentService payments, ReplyWriter replies) {
            this.orders = orders;
            this.payments = payments;
            this.replies = replies;
        }

        @Override
        public Class<FunctionCall.GetPaymentLink> handles() {
            return FunctionCall.GetPaymentLink.class;
        }

        @Override
        public CallExecutor.Effect execute(FunctionCall.GetPaymentLink l, Situation s, CallExecutor.Prepared p) {
            var order = orders.findPendingForConversation(s.id()).orElseThrow(() -> new CallExecutor.LateRefusal(Refusal.NO_PENDING_ORDER));
            return switch (payments.paymentLink(order)) {
                case PaymentLinkResult.Link link -> new CallExecutor.Effect(
                        List.of(Reply.text(replies.paymentLink(order.reference(), link))), s.ctx(), s.activeProductId());
                case PaymentLinkResult.Refused refused -> throw new CallExecutor.LateRefusal(Refusal.NO_PENDING_ORDER);
            };
        }
    }

    @Component
    static class Status implements CallHandler<FunctionCall.CheckOrderStatus> {
        private final OrderService orders;
        private final ReplyWriter replies;

        Status(OrderService orders, ReplyWriter replies) {
            this.orders = orders;
            this.replies = replies;
        }

        @Override
        public Class<FunctionCall.CheckOrderStatus> handles() {
            return FunctionCall.CheckOrderStatus.class;
        }

        @Override
        public CallExecutor.Effect execute(FunctionCall.CheckOrderStatus c, Situation s, CallExecutor.Prepared p) {
            return new CallExecutor.Effect(List.of(Reply.text(replies.orderStatus(orders.checkOrderStatus(s.id())))), s.ctx(),
                    s.activeProductId());
        }
    }

    /** A question about the shop: its settings' answer, or a person is asked (flagged), never a made-up one. */
    @Component
    static class ShopQuestion implements CallHandler<FunctionCall.AnswerShopQuestion> {
        private final ShopSettings shop;
        private final ReplyWriter replies;

        ShopQuestion(ShopSettings shop, ReplyWriter replies) {
            this.shop = shop;
            this.replies = replies;
        }

        @Override
        public Class<FunctionCall.AnswerShopQuestion> handles() {
            return FunctionCall.AnswerShopQuestion.class;
        }

        @Override
        public CallExecutor.Effect execute(FunctionCall.AnswerShopQuestion q, Situation s, CallExecutor.Prepared p) {
            return shop.answer(q.topic())
                    .map(answer -> new CallExecutor.Effect(List.of(Reply.text(answer)), s.ctx(), s.activeProductId()))
                    .orElseGet(() -> new CallExecutor.Effect(List.of(Reply.text(replies.personWillAnswer())), s.ctx(),
                            s.activeProductId(), CallExecutor.NEEDS_A_PERSON + q.topic() + " question"));
        }
    }
}
