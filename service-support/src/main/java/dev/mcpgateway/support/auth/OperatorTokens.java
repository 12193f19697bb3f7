package dev.mcpgateway.support.auth;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The operator tokens this service accepts, from {@link OperatorAuthConfig#tokensFile()}. Read at start (a bad
 * file stops the service: better than running with operators locked out or a typo granting too much), then
 * re-read when its modification time changes, so a rotated Kubernetes Secret applies without a restart. A bad
 * file on re-read keeps the previous tokens and logs why.
 */
@Startup
@ApplicationScoped
public class OperatorTokens {
    private static final Logger LOG = Logger.getLogger(OperatorTokens.class);

    private final OperatorAuthConfig config;
    private volatile TokenFile tokens = TokenFile.empty();
    private volatile FileTime loadedAt;
    private volatile long checkedAt;

    public OperatorTokens(OperatorAuthConfig config) {
        this.config = config;
    }

    @PostConstruct
    void load() {
        Optional<Path> file = config.tokensFile().map(Path::of);
        if (file.isEmpty()) {
            LOG.warn("No operator token file (OPERATOR_TOKENS_FILE): operator tokens open nothing on this service.");
            return;
        }
        try {
            read(file.get());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read the operator token file " + file.get() + ": " + e.getMessage(), e);
        }
        LOG.infof("Operator token file %s: %d token(s).", file.get(), tokens.size());
    }

    public Optional<OperatorToken> find(String token) {
        reloadIfChanged();
        return tokens.find(token);
    }

    private void reloadIfChanged() {
        Optional<String> file = config.tokensFile();
        long now = System.nanoTime();
        if (file.isEmpty() || now - checkedAt < config.reloadEvery().toNanos()) {
            return;
        }
        checkedAt = now;
        Path path = Path.of(file.get());
        try {
            if (!Files.getLastModifiedTime(path).equals(loadedAt)) {
                read(path);
                LOG.infof("Operator token file %s re-read: %d token(s).", path, tokens.size());
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.errorf("Operator token file %s not re-read, keeping the previous tokens: %s", path, e.getMessage());
        }
    }

    private synchronized void read(Path path) throws IOException {
        FileTime modified = Files.getLastModifiedTime(path);
        tokens = TokenFile.parse(Files.readString(path, StandardCharsets.UTF_8));
        loadedAt = modified;
        checkedAt = System.nanoTime();
    }
}
