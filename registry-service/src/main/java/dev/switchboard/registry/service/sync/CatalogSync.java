package dev.switchboard.registry.service.sync;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.FlushMode;
import org.hibernate.Session;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import dev.switchboard.api.ApiException;
import dev.switchboard.registry.client.CatalogSourceClient;
import dev.switchboard.registry.client.SourceProblem;
import dev.switchboard.registry.config.RegistryConfig;
import dev.switchboard.registry.service.RequestChecks;

/**
 * Syncs model facts and prices from a published catalog: now ({@code POST /admin/catalog/sync}), or on the schedule of
 * {@code switchboard.registry.sync.every} once a source is set. The document is read whole before anything changes; a
 * source that cannot be read, is not JSON, is in neither format or lists more models than allowed changes nothing and
 * says why. A dry run reports what would change and writes nothing.
 */
@ApplicationScoped
public class CatalogSync {

    private final CatalogSourceClient client;
    private final SyncPlanner planner;
    private final SyncApplier applier;
    private final ObjectMapper mapper;
    private final RegistryConfig.Sync config;
    private final AtomicReference<SyncReport> last = new AtomicReference<>();

    public CatalogSync(CatalogSourceClient client, SyncPlanner planner, SyncApplier applier, ObjectMapper mapper,
            RegistryConfig config) {
        this.client = client;
        this.planner = planner;
        this.applier = applier;
        this.mapper = mapper;
        this.config = config.sync();
    }

    /** Syncs from the given source, or the configured one when none is given. */
    public SyncReport run(String requestedSource, boolean dryRun) {
        String source = requestedSource == null || requestedSource.isBlank() ? config.source().orElse(null)
                : requestedSource.trim();
        if (source == null) {
            throw RequestChecks.badRequest("no source to sync from: pass ?source= or set switchboard.registry.sync.source",
                    "source");
        }
        URI uri = uri(source);
        Instant fetchedAt = Instant.now();
        SourceDocument document;
        try {
            document = client.fetch(uri, SourceDocument.class,
                    body -> new SourceReader(mapper, config.maxModels()).read(body));
        } catch (SourceProblem problem) {
            record(source, dryRun, fetchedAt, problem.getMessage());
            throw switch (problem.kind()) {
                case "timeout" -> new ApiException(504, problem.getMessage(), "source", "source_timeout");
                case "unreachable" -> new ApiException(502, problem.getMessage(), "source", "source_unreachable");
                default -> new ApiException(422, problem.getMessage(), "source", "source_invalid");
            };
        }
        SyncReport report = QuarkusTransaction.requiringNew().call(() -> {
            if (dryRun) {
                // The plan only reads; with nothing ever flushed, not even a mistake could write.
                Panache.getEntityManager().unwrap(Session.class).setHibernateFlushMode(FlushMode.MANUAL);
            }
            SyncApplier.lock();
            SyncPlan plan = planner.plan(document, source, fetchedAt);
            if (!dryRun) {
                applier.apply(plan, document, source, fetchedAt);
            }
            return new SyncReport(source, document.format(), fetchedAt, dryRun, document.read(),
                    document.entries().size(), document.ignored(), document.skippedTotal(), document.skipped(),
                    List.copyOf(plan.changes), List.copyOf(plan.drift), message(plan, dryRun));
        });
        if (!dryRun) {
            last.set(report);
        }
        Log.infof("Catalog sync from %s (%s)%s: %d entries, %d for Switchboard, %d skipped, %d changes, %d drifts", source,
                document.format(), dryRun ? " (dry run)" : "", document.read(), document.entries().size(),
                document.skippedTotal(), report.changes().size(), report.drift().size());
        return report;
    }

    /** The last sync this replica ran, or null when none has. */
    public SyncReport last() {
        return last.get();
    }

    @Scheduled(identity = "catalog-sync", every = "{switchboard.registry.sync.every}", delayed = "{switchboard.registry.sync.delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.source().isEmpty()) {
            return;
        }
        try {
            run(null, false);
        } catch (ApiException e) {
            Log.warnf("Scheduled catalog sync changed nothing: %s", e.getMessage());
        }
    }

    private void record(String source, boolean dryRun, Instant at, String why) {
        if (!dryRun) {
            last.set(new SyncReport(source, null, at, false, 0, 0, 0, 0, List.of(), List.of(), List.of(),
                    "nothing changed: " + why));
        }
    }

    private static String message(SyncPlan plan, boolean dryRun) {
        if (plan.changes.isEmpty()) {
            return "the registry already agrees with the source";
        }
        return dryRun ? "dry run: nothing was written; these changes would be made" : null;
    }

    private static URI uri(String source) {
        try {
            URI uri = new URI(source);
            if (uri.getHost() == null
                    || !"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new URISyntaxException(source, "not an http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw RequestChecks.badRequest("source must be an http or https URL, not '" + abbreviate(source) + "'",
                    "source");
        }
    }

    private static String abbreviate(String text) {
        return EntryValues.abbreviate(text);
    }
}
