package com.shopkeeper.llm.offline;

import com.shopkeeper.llm.EmbeddingModel;
import com.shopkeeper.llm.LlmReply;
import com.shopkeeper.llm.LlmRequest;
import com.shopkeeper.llm.OfflineUnderstanding;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The offline provider as every configuration's fallback. When it is the provider in use, that same
 * instance; otherwise one made on the first fallback (its rules and examples load in about a second),
 * sharing the application's embedding model, so a shop on Claude pays nothing for it until Claude fails.
 */
@Component
class OfflineFallback implements OfflineUnderstanding {

    private final ObjectProvider<OfflineLlmProvider> inUse;
    private final ObjectProvider<EmbeddingModel> embeddings;
    private volatile OfflineLlmProvider provider;

    OfflineFallback(ObjectProvider<OfflineLlmProvider> inUse, ObjectProvider<EmbeddingModel> embeddings) {
        this.inUse = inUse;
        this.embeddings = embeddings;
    }

    @Override
    public LlmReply understand(LlmRequest request) {
        return provider().generateResponse(request);
    }

    private OfflineLlmProvider provider() {
        OfflineLlmProvider p = provider;
        if (p == null) {
            synchronized (this) {
                p = provider;
                if (p == null) {
                    p = inUse.getIfAvailable();
                    if (p == null) {
                        EmbeddingModel shared = embeddings.getIfAvailable();
                        p = shared == null ? OfflineLlmProvider.create() : OfflineLlmProvider.create(shared);
                    }
                    provider = p;
                }
            }
        }
        return p;
    }
}
