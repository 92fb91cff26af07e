package com.shopkeeper.catalog;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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
}
