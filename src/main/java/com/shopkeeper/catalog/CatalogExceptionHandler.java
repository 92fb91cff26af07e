package com.shopkeeper.catalog;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The catalog's own errors as problem details. Here rather than in the shared handler of
 * {@code web}, which every feature depends on and which therefore must depend on none. Ahead of
 * it, whose catch-alls (IllegalArgumentException, Exception) would otherwise take these.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CatalogExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(CatalogExceptionHandler.class);

    record FieldProblem(String field, String message) {
    }

    @ExceptionHandler(ProductNotFoundException.class)
    ProblemDetail productNotFound(ProductNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such product");
        problem.setProperty("product_id", e.productId());
        return problem;
    }

    @ExceptionHandler(InvalidFieldException.class)
    ProblemDetail invalidField(InvalidFieldException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request content.");
        problem.setProperty("errors", List.of(new FieldProblem(e.field(), e.getMessage())));
        return problem;
    }

    @ExceptionHandler(ImportRejectedException.class)
    ProblemDetail importRejected(ImportRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Import rejected");
        problem.setProperty("errors", e.errors());
        return problem;
    }

    /** Accepted whole, not yet applied whole: 202, with the import's id, and nothing to send again. */
    @ExceptionHandler(ImportUnfinishedException.class)
    ResponseEntity<ProblemDetail> importUnfinished(ImportUnfinishedException e) {
        log.warn("product import {} is unfinished; recovery will complete it", e.importId(), e.getCause());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.ACCEPTED, e.getMessage());
        problem.setTitle("Import accepted, still being applied");
        problem.setProperty("import_id", e.importId());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.finishedWithin().toSeconds()))
                .body(problem);
    }
}
