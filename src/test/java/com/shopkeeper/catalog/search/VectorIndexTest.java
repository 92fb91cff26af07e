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

    @Test
    void theColumnsAndCategoryBitsFilterExactlyAsTheReferenceDoesThroughUpdatesAndRemovals() {
        Random random = new Random(23);
        VectorIndex index = new VectorIndex();
        List<String> categories = List.of("lamps", "sofas", "rugs", "home", "garden");
        int n = 2000;
        for (int i = 0; i < n; i++) {
            index.put("p" + i, "h", unit(random, 48), randomMeta(random, categories));
        }
        index.recenter();
        for (int round = 0; round < 3; round++) {
            for (int q = 0; q < 60; q++) {
                float[] query = unit(random, 48);
                var filter = new SearchFilter(random.nextInt(3) == 0 ? null : categories.get(random.nextInt(categories.size())),
                        random.nextBoolean() ? null : java.math.BigDecimal.valueOf(random.nextInt(300)),
                        random.nextBoolean() ? null : java.math.BigDecimal.valueOf(200 + random.nextInt(800)),
                        random.nextInt(3) == 0 ? null : random.nextBoolean(), random.nextInt(4) == 0 ? "EUR" : "USD");
                // A shortlist of every product: the two-step search must then be the exact one.
                assertThat(index.nearest(query, filter, 20, n)).as(filter.toString())
                        .extracting(Scored::productId)
                        .containsExactlyElementsOf(index.exactNearest(query, filter, 20).stream().map(Scored::productId).toList());
            }
            for (int change = 0; change < 300; change++) {
                String id = "p" + random.nextInt(n);
                if (random.nextInt(4) == 0) {
                    index.remove(id);
                } else if (random.nextBoolean()) {
                    index.updateMeta(id, randomMeta(random, categories));
                } else {
                    index.put(id, "h", unit(random, 48), randomMeta(random, categories));
                }
            }
        }
        assertThat(index.nearest(unit(random, 48), new SearchFilter("no such category", null, null, null, "USD"), 10, n)).isEmpty();
        assertThat(index.nearest(unit(random, 48), new SearchFilter(null, java.math.BigDecimal.ONE, null, null, "JPY"), 10, n))
                .as("a currency no product has").isEmpty();
    }

    private static VectorIndex.Meta randomMeta(Random random, List<String> categories) {
        Set<String> in = new java.util.HashSet<>();
        in.add(categories.get(random.nextInt(categories.size())));
        if (random.nextBoolean()) {
            in.add("home");
        }
        return new VectorIndex.Meta(random.nextInt(100_000), random.nextInt(5) == 0 ? "EUR" : "USD", random.nextBoolean(), Set.copyOf(in));
    }
}
