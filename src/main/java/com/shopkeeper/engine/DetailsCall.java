package com.shopkeeper.engine;

import com.shopkeeper.catalog.Product;
import com.shopkeeper.conversation.Facts;
import com.shopkeeper.llm.FunctionCall;
import com.shopkeeper.messaging.Reply;
import java.util.List;
import org.springframework.stereotype.Component;

/** get_product_details: the product the shopper pointed at comes into focus. */
@Component
class DetailsCall implements CallHandler<FunctionCall.GetProductDetails> {

    private final ReplyWriter replies;

    DetailsCall(ReplyWriter replies) {
        this.replies = replies;
    }

    @Override
    public Class<FunctionCall.GetProductDetails> handles() {
        return FunctionCall.GetProductDetails.class;
    }

    @Override
    public CallExecutor.Target prepare(FunctionCall.GetProductDetails call, Situation s, References.Resolution r, Facts.Builder facts) {
        facts.productExists(r.product() != null);
        return new CallExecutor.Target(r.product(), null);
    }

    @Override
    public CallExecutor.Effect execute(FunctionCall.GetProductDetails d, Situation s, CallExecutor.Prepared p) {
        Product product = p.product();
        List<String> media = product.imageUrl() == null ? List.of() : List.of(product.imageUrl());
        Reply reply = new Reply(replies.details(product), media, replies.detailsChoices(product, s.cart().isEmpty()));
        return new CallExecutor.Effect(List.of(reply), s.ctx(), product.id());
    }
}
