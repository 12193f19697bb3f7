package dev.mcpgateway.catalog.tool;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tool counts by category × risk; every cell is present, zero included, so dashboards need no defaults. */
public record CategoryRiskCounts(Map<String, Map<String, Long>> counts, Map<String, Long> byCategory, Map<String, Long> byRisk, long total) {

    static CategoryRiskCounts fromRows(java.util.List<Object[]> rows) {
        Builder b = new Builder();
        for (Object[] row : rows) {
            b.add((Category) row[0], (Risk) row[1], ((Number) row[2]).longValue());
        }
        return b.build();
    }

    public static final class Builder {
        private final Map<Category, Map<Risk, Long>> cells = new EnumMap<>(Category.class);

        public Builder add(Category category, Risk risk, long n) {
            cells.computeIfAbsent(category, c -> new EnumMap<>(Risk.class)).merge(risk, n, Long::sum);
            return this;
        }

        public CategoryRiskCounts build() {
            Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
            Map<String, Long> byCategory = new LinkedHashMap<>();
            Map<String, Long> byRisk = new LinkedHashMap<>();
            for (Risk r : Risk.values()) {
                byRisk.put(r.wire(), 0L);
            }
            long total = 0;
            for (Category c : Category.values()) {
                Map<String, Long> row = new LinkedHashMap<>();
                long rowTotal = 0;
                for (Risk r : Risk.values()) {
                    long n = cells.getOrDefault(c, Map.of()).getOrDefault(r, 0L);
                    row.put(r.wire(), n);
                    rowTotal += n;
                    byRisk.merge(r.wire(), n, Long::sum);
                }
                counts.put(c.wire(), row);
                byCategory.put(c.wire(), rowTotal);
                total += rowTotal;
            }
            return new CategoryRiskCounts(counts, byCategory, byRisk, total);
        }
    }
}
