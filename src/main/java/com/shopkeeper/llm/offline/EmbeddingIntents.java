package com.shopkeeper.llm.offline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fallback for messages no rule recognises: the intent of the nearest bundled example phrasing
 * ({@code nlu/intent-examples.txt}) by cosine similarity. The examples are embedded once, on first use.
 */
final class EmbeddingIntents {

    static final String RESOURCE = "nlu/intent-examples.txt";

    record Example(String intent, String text) {
    }

    record Match(String intent, double similarity, double margin, String example) {
    }

    private final MiniLmEmbeddings embeddings;
    private final List<Example> examples;
    private volatile List<float[]> vectors;

    EmbeddingIntents(MiniLmEmbeddings embeddings, List<Example> examples) {
        this.embeddings = embeddings;
        this.examples = List.copyOf(examples);
    }

    static EmbeddingIntents bundled(MiniLmEmbeddings embeddings) {
        return new EmbeddingIntents(embeddings, load());
    }

    /** The nearest example's intent, and how far ahead of the best other intent it is. */
    Match nearest(String text) {
        float[] v = embeddings.embed(text);
        List<float[]> known = vectors();
        double best = -1;
        int bestAt = -1;
        for (int i = 0; i < known.size(); i++) {
            double s = MiniLmEmbeddings.cosine(v, known.get(i));
            if (s > best) {
                best = s;
                bestAt = i;
            }
        }
        String intent = examples.get(bestAt).intent();
        double runnerUp = -1;
        for (int i = 0; i < known.size(); i++) {
            if (!examples.get(i).intent().equals(intent)) {
                runnerUp = Math.max(runnerUp, MiniLmEmbeddings.cosine(v, known.get(i)));
            }
        }
        return new Match(intent, best, best - runnerUp, examples.get(bestAt).text());
    }

    private List<float[]> vectors() {
        List<float[]> v = vectors;
        if (v == null) {
            synchronized (this) {
                v = vectors;
                if (v == null) {
                    v = embeddings.embed(examples.stream().map(Example::text).toList());
                    vectors = v;
                }
            }
        }
        return v;
    }

    private static List<Example> load() {
        InputStream in = EmbeddingIntents.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        List<Example> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.indexOf('|');
                if (bar < 0) {
                    throw new IllegalStateException(RESOURCE + ": no '|' in line: " + line);
                }
                out.add(new Example(line.substring(0, bar).strip(), line.substring(bar + 1).strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
        return out;
    }
}
