package com.shopkeeper.llm.local;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param threads how many texts are embedded at once; 0 means one per available core
 */
@ConfigurationProperties("shopkeeper.llm.embedding")
record LocalEmbeddingProperties(@DefaultValue("0") int threads) {
}
