package dev.mcpgateway.catalog.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.catalog.CatalogConfig;
import dev.mcpgateway.catalog.change.CatalogWrites;
import dev.mcpgateway.catalog.change.ToolEvents;
import dev.mcpgateway.catalog.classify.Classification;
import dev.mcpgateway.catalog.classify.Classifier;
import dev.mcpgateway.catalog.definition.ToolDefinition;
import dev.mcpgateway.catalog.poison.PoisonDetector;
import dev.mcpgateway.catalog.poison.PoisonFlag;
import dev.mcpgateway.catalog.tool.Source;
import dev.mcpgateway.catalog.tool.Tool;
import dev.mcpgateway.catalog.tool.ToolNames;
import dev.mcpgateway.catalog.tool.ToolStatus;
import dev.mcpgateway.contracts.catalog.ToolChangeEventV1;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Applies an upstream's {@code tools/list} to the catalog: new tools are stored as discovered and classified
 * automatically; a known tool whose definition hash differs is marked {@code changed} (the accepted definition
 * stays in the row, the new one waits in {@link DefinitionVersion}); tools missing from the report are marked
 * {@code removed}. Reports for one server are serialised by a PostgreSQL advisory lock, so two proxy replicas
 * reporting at once cannot insert a tool twice. A report is one transaction of its own (callers supply the
 * session); once it committed, the list cache is invalidated and each change (new tool, changed definition, removed
 * or restored tool) is published to Kafka ({@link CatalogWrites}), so a report that rolled back announces nothing.
 */
@ApplicationScoped
public class DiscoveryService {

    private static final Logger LOG = Logger.getLogger(DiscoveryService.class);
    /** First key of the advisory lock: a constant for "catalog discovery", the second is the server's hash. */
    private static final int LOCK_CLASS = 0x0CA7A106;

    private final ReportParser parser;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final boolean markMissingRemoved;
    private final CatalogWrites writes;

    public DiscoveryService(ReportParser parser, ObjectMapper json, MeterRegistry metrics, CatalogConfig config,
                            CatalogWrites writes) {
        this.writes = writes;
        this.parser = parser;
        this.json = json;
        this.metrics = metrics;
        this.markMissingRemoved = config.discovery().markMissingRemoved();
    }

    public Uni<DiscoveryResult> report(String server, JsonNode body) {
        ToolNames.server(server);
        ReportParser.Parsed parsed = parser.parse(body);
        Instant now = Instant.now();
        Outcome outcome = new Outcome();
        return Panache.withTransaction(() -> apply(server, parsed, now, outcome))
                .invoke(result -> writes.committed(List.copyOf(outcome.events)));
    }

    private Uni<DiscoveryResult> apply(String server, ReportParser.Parsed parsed, Instant now, Outcome outcome) {
        return lock(server)
                .chain(() -> Tool.<Tool>list("server", server))
                .chain(existing -> {
                    Map<String, Tool> byName = new HashMap<>();
                    existing.forEach(t -> byName.put(t.name, t));
                    Uni<Void> steps = Uni.createFrom().voidItem();
                    for (ReportParser.Reported reported : parsed.tools()) {
                        Tool known = byName.remove(reported.definition().name());
                        steps = steps.chain(() -> apply(server, known, reported, now, outcome));
                    }
                    if (markMissingRemoved) {
                        for (Tool gone : byName.values()) {
                            if (gone.status != ToolStatus.REMOVED) {
                                gone.status = ToolStatus.REMOVED;
                                outcome.removed.add(gone.name);
                                outcome.events.add(ToolEvents.status(gone, now));
                            }
                        }
                    }
                    return steps;
                })
                .map(v -> {
                    DiscoveryResult result = new DiscoveryResult(server, parsed.tools().size() + parsed.rejected().size(),
                            sorted(outcome.added), sorted(outcome.changed), sorted(outcome.reactivated), sorted(outcome.removed),
                            outcome.unchanged, sorted(outcome.flagged), parsed.rejected());
                    LOG.infof("discovery %s: %d received, %d added, %d changed, %d removed, %d rejected, %d flagged", server,
                            result.received(), result.added().size(), result.changed().size(), result.removed().size(),
                            result.rejected().size(), result.flagged().size());
                    return result;
                });
    }

    private Uni<Void> apply(String server, Tool known, ReportParser.Reported reported, Instant now, Outcome outcome) {
        if (known == null) {
            return add(server, reported, now, outcome);
        }
        // Title is display metadata many servers omit (SmartLead does); a report without one keeps the catalog's.
        ToolDefinition d = reported.definition();
        ToolDefinition definition = d.title() == null && known.title != null
                ? new ToolDefinition(d.name(), known.title, d.description(), d.inputSchema(), d.outputSchema(), d.annotations())
                : d;
        String hash = definition.hash();
        Instant acceptedLastSeen = known.lastSeen;
        known.lastSeen = now;
        if (hash.equals(known.definitionHash)) {
            if (known.status == ToolStatus.REMOVED) {
                outcome.reactivated.add(known.name);
            } else {
                outcome.unchanged++;
            }
            // Back to the accepted definition (a reverted change, or a tool that came back): nothing is pending.
            boolean statusChanged = known.status != ToolStatus.ACTIVE;
            known.status = ToolStatus.ACTIVE;
            known.pendingHash = null;
            if (statusChanged) {
                outcome.events.add(ToolEvents.status(known, now));
            }
            return Uni.createFrom().voidItem();
        }
        if (hash.equals(known.pendingHash)) {
            outcome.unchanged++;
            return recordVersion(known.id, definition, hash, now);
        }
        List<String> paths = DefinitionDiff.paths(known.definition().toJson(), definition.toJson());
        LOG.warnf("definition of %s/%s changed (%s -> %s) at %s; marked changed until an operator accepts it",
                server, known.name, known.definitionHash, hash, paths);
        metrics.counter("catalog.definition.changes", "server", server).increment();
        boolean flagged = !flags(definition, reported.readFlags()).isEmpty();
        known.status = ToolStatus.CHANGED;
        known.pendingHash = hash;
        outcome.events.add(ToolEvents.changed(known, hash, now, paths, paths.size() >= DefinitionDiff.MAX_PATHS, flagged));
        outcome.changed.add(known.name);
        if (flagged) {
            outcome.flagged.add(known.name);
        }
        return recordVersion(known.id, known.definition(), known.definitionHash, acceptedLastSeen)
                .chain(() -> recordVersion(known.id, definition, hash, now));
    }

    private Uni<Void> add(String server, ReportParser.Reported reported, Instant now, Outcome outcome) {
        ToolDefinition d = reported.definition();
        Classification c = Classifier.classify(d);
        List<PoisonFlag> flags = flags(d, reported.readFlags());
        Tool tool = new Tool();
        tool.server = server;
        tool.name = d.name();
        tool.title = d.title();
        tool.description = d.description() == null ? "" : d.description();
        tool.inputSchema = d.inputSchema();
        tool.outputSchema = d.outputSchema();
        tool.annotations = d.annotations();
        tool.category = c.category();
        tool.risk = c.risk();
        tool.source = Source.DISCOVERED;
        tool.status = ToolStatus.ACTIVE;
        tool.definitionHash = d.hash();
        tool.firstSeen = now;
        tool.lastSeen = now;
        tool.classificationReason = c.reason();
        tool.flags = flagsJson(flags);
        outcome.added.add(tool.name);
        outcome.events.add(ToolEvents.discovered(tool, now, !flags.isEmpty()));
        if (!flags.isEmpty()) {
            outcome.flagged.add(tool.name);
            LOG.warnf("discovered %s/%s carries %d poisoning flag(s): %s", server, tool.name, flags.size(), flags);
        }
        return tool.<Tool>persist().chain(saved -> recordVersion(saved.id, d, saved.definitionHash, now));
    }

    private Uni<Void> recordVersion(Long toolId, ToolDefinition definition, String hash, Instant seen) {
        return DefinitionVersion.<DefinitionVersion>find("toolId = ?1 and definitionHash = ?2", toolId, hash).firstResult()
                .chain(version -> {
                    if (version != null) {
                        version.lastSeen = seen;
                        return Uni.createFrom().voidItem();
                    }
                    DefinitionVersion v = new DefinitionVersion();
                    v.toolId = toolId;
                    v.definitionHash = hash;
                    v.definition = definition.toJson();
                    v.firstSeen = seen;
                    v.lastSeen = seen;
                    return v.persist().replaceWithVoid();
                });
    }

    private Uni<Void> lock(String server) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(" + LOCK_CLASS + ", hashtext(:server))) AS l", Integer.class)
                .setParameter("server", server)
                .getSingleResult())
                .replaceWithVoid();
    }

    static List<PoisonFlag> flags(ToolDefinition d, List<PoisonFlag> readFlags) {
        List<PoisonFlag> all = new ArrayList<>(readFlags);
        all.addAll(PoisonDetector.scan(d));
        return all;
    }

    ObjectNode flagsJson(List<PoisonFlag> flags) {
        ObjectNode node = json.createObjectNode();
        node.set("items", json.valueToTree(flags));
        return node;
    }

    private static List<String> sorted(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        copy.sort(null);
        return copy;
    }

    private static final class Outcome {
        final List<String> added = new ArrayList<>();
        final List<String> changed = new ArrayList<>();
        final List<String> reactivated = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        final List<String> flagged = new ArrayList<>();
        final List<ToolChangeEventV1> events = new ArrayList<>();
        int unchanged;
    }
}
