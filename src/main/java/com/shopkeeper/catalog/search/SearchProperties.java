package com.shopkeeper.catalog.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultLimit   results when the caller names no limit
 * @param maxLimit       the most results one search returns
 * @param candidates     how many results each ranker hands to the fusion
 * @param shortlist      vectors scored exactly after the sign-bit scan (see VectorIndex)
 * @param embedBatch     products embedded per background step of a bulk import
 * @param rrfK           the k of reciprocal rank fusion: higher flattens the difference between ranks
 * @param keywordWeight  weight of the keyword ranking in the fusion when only some of the query's words
 *                       matched (a description of a need rather than product words)
 * @param semanticWeight weight of the vector ranking in the fusion when only some words matched
 * @param confidentSemanticWeight weight of the vector ranking when every word of the query matched
 *                       at least a page of products: the keyword ranking leads, vectors break ties
 * @param sparseWordShare words found in more than this share of products are left out of the
 *                       any-word query: they match half the shop and only cost time
 * @param facetWeight    share of a product's vector that comes from its facets (type, colour, material,
 *                       categories); the rest comes from its description's sentences
 * @param embedSentence  embed the query as typed (filler included, typos corrected) rather than its
 *                       product words alone
 * @param waitMillis     how long a single product change waits for its vector before the request returns
 */
@ConfigurationProperties("shopkeeper.search")
record SearchProperties(@DefaultValue("10") int defaultLimit,
                        @DefaultValue("100") int maxLimit,
                        @DefaultValue("200") int candidates,
                        @DefaultValue("1000") int shortlist,
                        @DefaultValue("256") int embedBatch,
                        @DefaultValue("60") int rrfK,
                        @DefaultValue("1.0") double keywordWeight,
                        @DefaultValue("1.0") double semanticWeight,
                        @DefaultValue("0.2") double confidentSemanticWeight,
                        @DefaultValue("0.1") double sparseWordShare,
                        @DefaultValue("0.5") double facetWeight,
                        @DefaultValue("true") boolean embedSentence,
                        @DefaultValue("10000") long waitMillis) {
}
