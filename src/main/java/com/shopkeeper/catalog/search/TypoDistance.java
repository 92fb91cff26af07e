package com.shopkeeper.catalog.search;

/**
 * A weighted Damerau-Levenshtein distance shaped by how people mistype on phones: a doubled
 * letter ("scoooter", "bulbb") is the cheapest slip, a dropped or an extra letter ("dreser",
 * "helmt") and swapped neighbours ("teh") next, and a wrong letter the dearest. So "cair" is
 * taken for "chair" rather than "hair", and "tet" for "tent" rather than "set".
 */
final class TypoDistance {

    static final double DOUBLED = 0.4;
    /** A letter the shopper missed: the commonest slip after a doubled key. */
    static final double MISSED = 0.8;
    /** A stray letter the shopper added (not a doubled one): rarer than a missed one. */
    static final double EXTRA = 0.9;
    static final double TRANSPOSE = 0.8;
    static final double SUBSTITUTE = 1.0;

    private TypoDistance() {
    }

    /** The cost of turning the typed word into the candidate; anything above {@code limit} may be cut short. */
    static double between(String typed, String candidate, double limit) {
        int n = typed.length();
        int m = candidate.length();
        double[][] d = new double[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i == 0 ? 0 : d[i - 1][0] + deleteCost(typed, i - 1);
        }
        for (int j = 1; j <= m; j++) {
            d[0][j] = d[0][j - 1] + insertCost(candidate, j - 1);
        }
        for (int i = 1; i <= n; i++) {
            double rowMin = Double.MAX_VALUE;
            for (int j = 1; j <= m; j++) {
                char a = typed.charAt(i - 1);
                char b = candidate.charAt(j - 1);
                double best = d[i - 1][j - 1] + (a == b ? 0 : SUBSTITUTE);
                best = Math.min(best, d[i - 1][j] + deleteCost(typed, i - 1));
                best = Math.min(best, d[i][j - 1] + insertCost(candidate, j - 1));
                if (i > 1 && j > 1 && a == candidate.charAt(j - 2) && typed.charAt(i - 2) == b) {
                    best = Math.min(best, d[i - 2][j - 2] + TRANSPOSE);
                }
                d[i][j] = best;
                rowMin = Math.min(rowMin, best);
            }
            if (rowMin > limit) {
                return rowMin;
            }
        }
        return d[n][m];
    }

    /** Dropping a typed letter that repeats its neighbour undoes a doubled key press. */
    private static double deleteCost(String typed, int i) {
        boolean doubled = (i > 0 && typed.charAt(i - 1) == typed.charAt(i))
                || (i + 1 < typed.length() && typed.charAt(i + 1) == typed.charAt(i));
        return doubled ? DOUBLED : EXTRA;
    }

    /** Restoring a letter the shopper typed once where the word has it twice ("diner" for "dinner"). */
    private static double insertCost(String candidate, int j) {
        boolean doubled = (j > 0 && candidate.charAt(j - 1) == candidate.charAt(j))
                || (j + 1 < candidate.length() && candidate.charAt(j + 1) == candidate.charAt(j));
        return doubled ? DOUBLED + 0.2 : MISSED;
    }
}
