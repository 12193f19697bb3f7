package dev.mcpgateway.audit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code GET /api/audit/stats}: one row per time bucket, one column per key (decision, tool or
 * risk) with a total. With many keys (tools), one line per bucket and key instead, so it stays readable.
 */
final class StatsTable {
    static final int MAX_COLUMNS = 8;

    private StatsTable() {
    }

    static String render(JsonNode stats) {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (JsonNode b : stats.path("buckets")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = b.path("counts").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                totals.merge(e.getKey(), e.getValue().asLong(), Long::sum);
            }
        }
        List<String> keys = new ArrayList<>(totals.keySet());
        keys.sort((a, b) -> Long.compare(totals.get(b), totals.get(a)) != 0
                ? Long.compare(totals.get(b), totals.get(a)) : a.compareTo(b));
        StringBuilder sb = new StringBuilder();
        sb.append("counts by ").append(stats.path("by").asText()).append(" per ").append(stats.path("bucket").asText())
                .append(", ").append(stats.path("from").asText()).append(" to ").append(stats.path("to").asText()).append('\n');
        if (keys.isEmpty()) {
            return sb.append("no events in this range\n").toString();
        }
        String bucketHeader = "BUCKET (UTC)";
        if (keys.size() <= MAX_COLUMNS) {
            List<String> header = new ArrayList<>(List.of(bucketHeader));
            header.addAll(keys);
            header.add("TOTAL");
            List<List<String>> rows = new ArrayList<>();
            rows.add(header);
            for (JsonNode b : stats.path("buckets")) {
                List<String> row = new ArrayList<>(List.of(start(b)));
                long total = 0;
                for (String k : keys) {
                    long n = b.path("counts").path(k).asLong(0);
                    total += n;
                    row.add(Long.toString(n));
                }
                row.add(Long.toString(total));
                rows.add(row);
            }
            List<String> sum = new ArrayList<>(List.of("total"));
            long all = 0;
            for (String k : keys) {
                sum.add(Long.toString(totals.get(k)));
                all += totals.get(k);
            }
            sum.add(Long.toString(all));
            rows.add(sum);
            columns(sb, rows);
        } else {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of(bucketHeader, stats.path("by").asText().toUpperCase(java.util.Locale.ROOT), "COUNT"));
            for (JsonNode b : stats.path("buckets")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = b.path("counts").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    rows.add(List.of(start(b), e.getKey(), Long.toString(e.getValue().asLong())));
                }
            }
            columns(sb, rows);
        }
        return sb.toString();
    }

    private static String start(JsonNode bucket) {
        String s = bucket.path("start").asText("");
        return s.replace('T', ' ').replace("Z", "");
    }

    /** Left-aligned first column, right-aligned numbers. */
    private static void columns(StringBuilder sb, List<List<String>> rows) {
        int n = rows.get(0).size();
        int[] w = new int[n];
        for (List<String> r : rows) {
            for (int i = 0; i < n; i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        boolean numbersRight = rows.get(0).size() != 3 || !rows.get(0).get(2).equals("COUNT");
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String c = r.get(i);
                boolean right = numbersRight ? i > 0 : i == n - 1;
                line.append(right ? " ".repeat(w[i] - c.length()) + c : c + " ".repeat(w[i] - c.length()));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
