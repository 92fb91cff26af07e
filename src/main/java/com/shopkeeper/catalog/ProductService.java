package com.shopkeeper.catalog;

import com.shopkeeper.web.ConflictException;
import com.shopkeeper.web.PageOf;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalog as the shop owner manages it. Every change is announced as {@link ProductsChanged}. */
@Service
public class ProductService {

    private final ProductRepository products;
    private final ApplicationEventPublisher events;

    ProductService(ProductRepository products, ApplicationEventPublisher events) {
        this.products = products;
        this.events = events;
    }

    public Optional<Product> find(String id) {
        return products.find(id);
    }

    public Optional<Product> findBySku(String sku) {
        return products.findBySku(sku);
    }

    public Product get(String id) {
        return products.find(id).orElseThrow(() -> new ProductNotFoundException(id));
    }

    public List<Product> findAll(List<String> ids) {
        return products.findAll(ids);
    }

    /** The names of the live products among {@code ids}, by id. */
    public Map<String, String> names(Collection<String> ids) {
        return products.names(ids);
    }

    public PageOf<Product> list(ProductFilter filter, PageOf.Request page) {
        return products.list(filter, page);
    }

    public long count() {
        return products.count();
    }

    @Transactional
    public Product create(ProductDraft draft) {
        requireFreeSku(draft.sku(), null);
        Product created = products.insert(draft);
        events.publishEvent(new ProductsChanged(Set.of(created.id()), Set.of(), false));
        return created;
    }

    @Transactional
    public Product update(String id, ProductDraft draft) {
        requireFreeSku(draft.sku(), id);
        Product updated = products.update(id, draft).orElseThrow(() -> new ProductNotFoundException(id));
        events.publishEvent(new ProductsChanged(Set.of(id), Set.of(), false));
        return updated;
    }

    @Transactional
    public void delete(String id) {
        if (!products.delete(id)) {
            throw new ProductNotFoundException(id);
        }
        events.publishEvent(new ProductsChanged(Set.of(), Set.of(id), false));
    }

    private void requireFreeSku(String sku, String owner) {
        if (sku != null) {
            products.findBySku(sku).filter(p -> !p.id().equals(owner)).ifPresent(p -> {
                throw new ConflictException("sku " + sku + " already belongs to product " + p.id());
            });
        }
    }

    /** One chunk of an import ({@link StagedImports}), in the caller's transaction, with the keyword index. */
    @Transactional
    public ProductRepository.Upserted importAll(List<ProductDraft> drafts) {
        ProductRepository.Upserted result = products.upsertAll(drafts);
        Set<String> touched = new java.util.LinkedHashSet<>(result.created());
        touched.addAll(result.updated());
        events.publishEvent(new ProductsChanged(touched, Set.of(), true));
        return result;
    }
}
