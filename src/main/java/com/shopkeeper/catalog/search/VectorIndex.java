package com.shopkeeper.catalog.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Nearest-neighbour search over product vectors, in memory, in two steps. First every vector is
 * compared by its sign bits (one bit per dimension after subtracting the catalog's mean vector:
 * 6 longs and 6 popcounts for 384 dimensions, about 0.2 ms for 50,000 products); then the best
 * {@code shortlist} of those are scored exactly by dot product. A plain float scan of 50,000 x 384
 * takes 8 to 18 ms on this kind of machine; the two steps keep the answer the same for the top
 * results (recall measured by the benchmark) at a fraction of the cost, without native code, the
 * incubating Vector API or an index that must be rebuilt on every change.
 *
 * <p>Filters (price, stock, category) are applied during the scan, so a narrow filter still yields a
 * full page. They are read from columns beside the vectors (price, currency, stock: one array each),
 * and each category has a bitset of its products: a category filter walks only that category's
 * slots, and no filter test dereferences a product's {@link Meta} (which {@link #exactNearest}, the
 * reference, still tests as before).
 */
final class VectorIndex {

    /** What the filters need to know of a product without asking the database. */
    record Meta(long priceMinor, String currency, boolean inStock, Set<String> lowerCaseCategories) {
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> slots = new HashMap<>();
    private final Deque<Integer> free = new ArrayDeque<>();
    private int dimensions = -1;
    private int words;
    private int used;
    private String[] ids = new String[1024];
    private String[] hashes = new String[1024];
    private float[][] vectors = new float[1024][];
    /** Sign bits of every slot in one flat array ({@code words} longs a slot): the scan reads memory in order. */
    private long[] bits = new long[1024];
    private Meta[] metas = new Meta[1024];
    /** The filter columns, by slot: price in minor units, currency (an index into {@link #currencies}), stock. */
    private long[] prices = new long[1024];
    private int[] currencyOf = new int[1024];
    private final java.util.BitSet inStock = new java.util.BitSet();
    private final List<String> currencies = new ArrayList<>();
    /** The slots of every category (lower case, at any level of a product's path). */
    private final Map<String, java.util.BitSet> byCategory = new HashMap<>();
    private float[] center;

    void put(String productId, String textHash, float[] vector, Meta meta) {
        lock.writeLock().lock();
        try {
            if (dimensions < 0) {
                dimensions = vector.length;
                words = (dimensions + 63) / 64;
                center = new float[dimensions];
                bits = new long[ids.length * words];
            } else if (vector.length != dimensions) {
                throw new IllegalArgumentException("expected " + dimensions + " dimensions, got " + vector.length);
            }
            Integer slot = slots.get(productId);
            if (slot == null) {
                slot = free.isEmpty() ? used++ : free.pop();
                grow(slot + 1);
                slots.put(productId, slot);
            }
            ids[slot] = productId;
            hashes[slot] = textHash;
            vectors[slot] = vector;
            setBits(slot, vector);
            setMeta(slot, meta);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A price, stock or category change that left the embedded text alone. */
    void updateMeta(String productId, Meta meta) {
        lock.writeLock().lock();
        try {
            Integer slot = slots.get(productId);
            if (slot != null) {
                setMeta(slot, meta);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    void remove(String productId) {
        lock.writeLock().lock();
        try {
            Integer slot = slots.remove(productId);
            if (slot != null) {
                ids[slot] = null;
                hashes[slot] = null;
                vectors[slot] = null;
                setMeta(slot, null);
                free.push(slot);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Keeps the slot's filter columns and category bits in step with its meta (null: the slot is empty). */
    private void setMeta(int slot, Meta meta) {
        Meta old = metas[slot];
        if (old != null) {
            for (String category : old.lowerCaseCategories()) {
                java.util.BitSet members = byCategory.get(category);
                members.clear(slot);
                if (members.isEmpty()) {
                    byCategory.remove(category);
                }
            }
        }
        metas[slot] = meta;
        if (meta == null) {
            inStock.clear(slot);
            return;
        }
        prices[slot] = meta.priceMinor();
        int currency = currencies.indexOf(meta.currency());
        if (currency < 0) {
            currency = currencies.size();
            currencies.add(meta.currency());
        }
        currencyOf[slot] = currency;
        inStock.set(slot, meta.inStock());
        for (String category : meta.lowerCaseCategories()) {
            byCategory.computeIfAbsent(category, c -> new java.util.BitSet()).set(slot);
        }
    }

    /** The hash of the text a product's vector was made from, or null when it has none. */
    String hashOf(String productId) {
        lock.readLock().lock();
        try {
            Integer slot = slots.get(productId);
            return slot == null ? null : hashes[slot];
        } finally {
            lock.readLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return slots.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Moves the centre of the sign bits to the mean of the vectors held now. Sentence vectors all
     * lean one way; without centring most bits would be the same for every product. Called after
     * a bulk load, when the mean has moved.
     */
    void recenter() {
        lock.writeLock().lock();
        try {
            if (dimensions < 0 || slots.isEmpty()) {
                return;
            }
            double[] sum = new double[dimensions];
            for (int slot : slots.values()) {
                float[] v = vectors[slot];
                for (int i = 0; i < dimensions; i++) {
                    sum[i] += v[i];
                }
            }
            for (int i = 0; i < dimensions; i++) {
                center[i] = (float) (sum[i] / slots.size());
            }
            for (int slot : slots.values()) {
                setBits(slot, vectors[slot]);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The {@code k} products nearest to the query that pass the filter, best first; scores are cosine similarities. */
    List<Scored> nearest(float[] query, SearchFilter filter, int k, int shortlist) {
        lock.readLock().lock();
        try {
            if (dimensions < 0 || query.length != dimensions || slots.isEmpty()) {
                return List.of();
            }
            long[] q = signBits(query);
            int[] candidates = new int[used];
            int[] distance = new int[used];
            int n = 0;
            int[] histogram = new int[dimensions + 1];
            boolean unfiltered = filter.isEmpty();
            SearchFilter.Compiled test = filter.compile();
            // A category filter walks that category's slots only; an unknown category or currency has none.
            java.util.BitSet category = test.category() == null ? null : byCategory.get(test.category());
            int currency = test.currency() == null ? -1 : currencies.indexOf(test.currency());
            if (test.category() != null && category == null || test.currency() != null && currency < 0) {
                return List.of();
            }
            for (int slot = category == null ? 0 : category.nextSetBit(0); slot >= 0 && slot < used;
                 slot = category == null ? slot + 1 : category.nextSetBit(slot + 1)) {
                if (ids[slot] == null || (!unfiltered && !passesColumns(test, currency, slot))) {
                    continue;
                }
                int d = 0;
                int base = slot * words;
                for (int w = 0; w < words; w++) {
                    d += Long.bitCount(bits[base + w] ^ q[w]);
                }
                candidates[n] = slot;
                distance[n] = d;
                histogram[d]++;
                n++;
            }
            // The Hamming distance within which `shortlist` candidates lie: a counting select, no sort.
            int threshold = dimensions;
            int below = 0;
            for (int d = 0; d <= dimensions; d++) {
                if (below + histogram[d] >= shortlist) {
                    threshold = d;
                    break;
                }
                below += histogram[d];
            }
            int atThreshold = shortlist - below;
            // The best k of the shortlist by exact dot product, in a min-heap of k.
            PriorityQueue<Scored> best = new PriorityQueue<>(k + 1, Comparator.comparingDouble(Scored::score));
            for (int i = 0; i < n; i++) {
                int d = distance[i];
                if (d > threshold || (d == threshold && atThreshold-- <= 0)) {
                    continue;
                }
                int slot = candidates[i];
                float score = dot(vectors[slot], query);
                if (best.size() < k) {
                    best.add(new Scored(ids[slot], score));
                } else if (score > best.peek().score()) {
                    best.poll();
                    best.add(new Scored(ids[slot], score));
                }
            }
            List<Scored> scored = new ArrayList<>(best);
            scored.sort((a, b) -> Double.compare(b.score(), a.score()));
            return scored;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Exact scan of every vector: the reference the benchmark measures {@link #nearest} against. */
    List<Scored> exactNearest(float[] query, SearchFilter filter, int k) {
        lock.readLock().lock();
        try {
            List<Scored> scored = new ArrayList<>();
            SearchFilter.Compiled test = filter.compile();
            for (int slot = 0; slot < used; slot++) {
                if (vectors[slot] != null && (filter.isEmpty() || passes(test, metas[slot]))) {
                    scored.add(new Scored(ids[slot], dot(vectors[slot], query)));
                }
            }
            scored.sort((a, b) -> Double.compare(b.score(), a.score()));
            return scored.size() > k ? List.copyOf(scored.subList(0, k)) : scored;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@link #passes} on the columns, the category left to the caller's walk. */
    private boolean passesColumns(SearchFilter.Compiled filter, int currency, int slot) {
        if (filter.inStock() != null && filter.inStock() != inStock.get(slot)) {
            return false;
        }
        return currency < 0 || (currencyOf[slot] == currency && prices[slot] >= filter.minMinor() && prices[slot] <= filter.maxMinor());
    }

    private static boolean passes(SearchFilter.Compiled filter, Meta m) {
        return m != null && filter.matches(m.priceMinor(), m.currency(), m.inStock(), m.lowerCaseCategories());
    }

    private void setBits(int slot, float[] v) {
        System.arraycopy(signBits(v), 0, bits, slot * words, words);
    }

    private long[] signBits(float[] v) {
        long[] b = new long[words];
        for (int i = 0; i < dimensions; i++) {
            if (v[i] > center[i]) {
                b[i >>> 6] |= 1L << (i & 63);
            }
        }
        return b;
    }

    /** Eight independent sums: the JIT cannot reorder float additions itself, and one chain stalls on latency. */
    static float dot(float[] a, float[] b) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 7 < a.length; i += 8) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
            s4 += a[i + 4] * b[i + 4];
            s5 += a[i + 5] * b[i + 5];
            s6 += a[i + 6] * b[i + 6];
            s7 += a[i + 7] * b[i + 7];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
    }

    private void grow(int needed) {
        if (needed <= ids.length) {
            return;
        }
        int capacity = Math.max(needed, ids.length * 2);
        ids = Arrays.copyOf(ids, capacity);
        hashes = Arrays.copyOf(hashes, capacity);
        vectors = Arrays.copyOf(vectors, capacity);
        bits = Arrays.copyOf(bits, capacity * Math.max(words, 1));
        metas = Arrays.copyOf(metas, capacity);
        prices = Arrays.copyOf(prices, capacity);
        currencyOf = Arrays.copyOf(currencyOf, capacity);
    }
}
