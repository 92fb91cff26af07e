package com.shopkeeper.llm;

import java.util.List;

/**
 * Turns texts into sentence vectors. The seam behind {@code LlmProvider.getEmbeddings}: product
 * search embeds products and queries through it, and a provider may later delegate to it or
 * bring its own.
 *
 * <p>Vectors are L2-normalised, so a dot product is the cosine similarity; every vector of one
 * model has {@link #dimensions()} components.
 */
public interface EmbeddingModel {

    /** One vector per text, in the order of {@code texts}. */
    List<float[]> embedAll(List<String> texts);

    default float[] embed(String text) {
        return embedAll(List.of(text)).getFirst();
    }

    int dimensions();

    /** Names the model and its variant; stored beside each vector so that a model change re-embeds. */
    String name();
}
