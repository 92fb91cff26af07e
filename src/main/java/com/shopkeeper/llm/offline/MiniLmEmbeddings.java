package com.shopkeeper.llm.offline;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The quantized all-MiniLM-L6-v2 sentence model, in process (384 dimensions, about 2 ms a text).
 * Its weights ship inside the jar: nothing is downloaded. The ONNX session is created on first use
 * and then shared, so an application that never embeds never pays the ~0.6 s load.
 */
final class MiniLmEmbeddings {

    static final String MODEL = "all-minilm-l6-v2-q";
    static final int DIMENSIONS = 384;

    private volatile EmbeddingModel model;
    /** The application's shared model when there is one; otherwise this class loads its own. */
    private final Function<List<String>, List<float[]>> shared;

    MiniLmEmbeddings() {
        this(null);
    }

    MiniLmEmbeddings(Function<List<String>, List<float[]>> shared) {
        this.shared = shared;
    }

    List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        if (shared != null) {
            return shared.apply(texts);
        }
        // A text with nothing left to read (a message of emoji only, once bare) is no point in the space: a zero
        // vector, which is no nearer to anything (cosine 0), where the model itself would refuse a blank segment.
        List<String> readable = texts.stream().filter(t -> t != null && !t.isBlank()).toList();
        List<float[]> vectors = readable.isEmpty() ? List.of()
                : model().embedAll(readable.stream().map(TextSegment::from).toList()).content().stream().map(Embedding::vector).toList();
        int dimension = vectors.isEmpty() ? DIMENSIONS : vectors.getFirst().length;
        List<float[]> out = new ArrayList<>(texts.size());
        int next = 0;
        for (String t : texts) {
            out.add(t == null || t.isBlank() ? new float[dimension] : vectors.get(next++));
        }
        return out;
    }

    float[] embed(String text) {
        return embed(List.of(text)).getFirst();
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    // The caller's thread: a short message needs no pool, and a request thread is already virtual.
                    m = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
                    model = m;
                }
            }
        }
        return m;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
