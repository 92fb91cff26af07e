package com.shopkeeper.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VectorIndexTest {

    private static final SearchFilter NONE = new SearchFilter(null, null, null, null, "USD");

    private static float[] unit(Random random, int dims) {
        float[] v = new float[dims];
        double norm = 0;
        for (int i = 0; i < dims; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < dims; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static VectorIndex.Meta meta(long priceMinor, boolean inStock, String category) {
        return new VectorIndex.Meta(priceMinor, "USD", inStock, Set.of(category));
    }

    @Test
    void twoStepSearchFindsTheExactNearestNeighbours() {
        Random random = new Random(7);
        VectorIndex index = new VectorIndex();
        float[][] vectors = new float[3000][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = unit(random, 384);
            index.put("p" + i, "h", vectors[i], meta(100, true, "all"));
        }
        index.recenter();
        // Queries near a stored vector: its own product must come first, as in the exact scan.
        for (int q = 0; q < 20; q++) {
            float[] query = vectors[q * 100].clone();
            query[0] += 0.05f;
            List<Scored> approx = index.nearest(query, NONE, 10, 300);
            assertThat(approx.getFirst().productId()).isEqualTo("p" + q * 100);
            assertThat(approx.getFirst().productId()).isEqualTo(index.exactNearest(query, NONE, 1).getFirst().productId());
        }
    }

    @Test
    void filtersApplyDuringTheScanAndRemovedProductsAreGone() {
        Random random = new Random(11);
        VectorIndex index = new VectorIndex();
        for (int i = 0; i < 500; i++) {
            index.put("p" + i, "h", unit(random, 64), meta(i * 100L, i % 2 == 0, i % 5 == 0 ? "lamps" : "other"));
        }
        float[] query = unit(random, 64);
        var filter = new SearchFilter("Lamps", null, new java.math.BigDecimal("200.00"), true, "USD");
        List<Scored> found = index.nearest(query, filter, 50, 100);
        // Lamps are every fifth product; in stock every second; at most $200 means i <= 200.
        assertThat(found).extracting(Scored::productId)
                .containsExactlyInAnyOrder("p0", "p10", "p20", "p30", "p40", "p50", "p60", "p70", "p80", "p90", "p100",
                        "p110", "p120", "p130", "p140", "p150", "p160", "p170", "p180", "p190", "p200");
        index.remove("p10");
        index.updateMeta("p20", meta(999_999, true, "lamps"));
        assertThat(index.nearest(query, filter, 50, 100)).extracting(Scored::productId).doesNotContain("p10", "p20");
        assertThat(index.size()).isEqualTo(499);
    }
}
