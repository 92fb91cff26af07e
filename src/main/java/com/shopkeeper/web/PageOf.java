package com.shopkeeper.web;

import java.util.List;
import java.util.function.Function;

/** One page of a listing: {@code {"items": [...], "total": N, "page": P, "size": S}}, pages from 0. */
public record PageOf<T>(List<T> items, long total, int page, int size) {

    public static final int MAX_SIZE = 1000;

    public <R> PageOf<R> map(Function<? super T, ? extends R> f) {
        return new PageOf<>(items.stream().<R>map(f).toList(), total, page, size);
    }

    /** Page and size as a client gave them, checked. */
    public record Request(int page, int size) {
        public Request {
            if (page < 0) {
                throw new IllegalArgumentException("page must be 0 or more");
            }
            if (size < 1 || size > MAX_SIZE) {
                throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
            }
        }

        public int offset() {
            return Math.multiplyExact(page, size);
        }
    }
}
