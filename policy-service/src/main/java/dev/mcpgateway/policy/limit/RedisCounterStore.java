package dev.mcpgateway.policy.limit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Counters in Redis, exact across replicas: the check and the increments of one reservation run as
 * one Lua script, which Redis executes atomically. Keys carry the window start (a new window is a
 * new key) and expire shortly after the window ends, so there is nothing to sweep. All keys of a
 * policy share the hash tag {@code {policyId}}, so a multi-key script also works on Redis Cluster.
 * Every command is sent without blocking and fails after {@code timeout}: Decide and Settle use
 * {@link #reserveAsync}/{@link #releaseAsync} on the event loop; the synchronous methods wait for the same
 * result (explain, readiness, the expiry sweep: never on an event loop). It is also the {@link ReservationLedger}
 * of the replicas sharing these counters: reservation records live next to the counters they charge.
 */
public class RedisCounterStore implements CounterStore, ReservationLedger {
    private static final Logger LOG = Logger.getLogger(RedisCounterStore.class);
    /** Expire a key this long after its window: replicas' clocks may differ a little. */
    static final long EXPIRY_SLACK_MILLIS = 60_000;

    /**
     * KEYS: counters, then the reservation's record when one is written with it. ARGV: per counter amount, max,
     * expire-at (ms); with a record, then its text and expire-at (so {@code #ARGV ~= 3 * #KEYS} tells that there is
     * one). All-or-nothing; two charges on the same key add up before the check; the record is written only when
     * granted. A counter's expiry is set when the script creates it: every key is one window's, so its expiry never
     * changes (and RELEASE keeps it). Returns {granted, refused index, remaining, used}.
     */
    static final String RESERVE = """
            local recorded = #ARGV ~= 3 * #KEYS
            local n = #KEYS
            if recorded then n = n - 1 end
            local pending = {}
            local fresh = {}
            for i = 1, n do
              local k = KEYS[i]
              local amount = tonumber(ARGV[3*i-2])
              local max = tonumber(ARGV[3*i-1])
              local v = redis.call('GET', k)
              if not v then fresh[k] = true end
              local cur = tonumber(v or '0')
              local p = (pending[k] or 0) + amount
              if cur + p > max then
                local before = cur + p - amount
                return {0, i - 1, math.max(0, max - before), before}
              end
              pending[k] = p
            end
            local now = {}
            for i = 1, n do
              local k = KEYS[i]
              now[k] = redis.call('INCRBY', k, tonumber(ARGV[3*i-2]))
              if fresh[k] then
                redis.call('PEXPIREAT', k, tonumber(ARGV[3*i]))
                fresh[k] = nil
              end
            end
            if recorded then
              redis.call('SET', KEYS[n+1], ARGV[3*n+1], 'PXAT', ARGV[3*n+2])
            end
            local remaining = nil
            for i = 1, n do
              local r = tonumber(ARGV[3*i-1]) - now[KEYS[i]]
              if remaining == nil or r < remaining then remaining = r end
            end
            return {1, -1, remaining, 0}
            """;

    /** KEYS: counters; ARGV: amounts. Never creates a key (an expired window stays gone) nor goes below 0. */
    static final String RELEASE = """
            for i = 1, #KEYS do
              if redis.call('EXISTS', KEYS[i]) == 1 then
                if redis.call('DECRBY', KEYS[i], tonumber(ARGV[i])) < 0 then
                  redis.call('SET', KEYS[i], 0, 'KEEPTTL')
                end
              end
            end
            return 0
            """;

    private static final String RESERVE_SHA = sha1(RESERVE);
    private static final String RELEASE_SHA = sha1(RELEASE);

    private static final ReserveResult GRANTED_NOTHING = new ReserveResult(true, -1, -1, 0);

    /** How long a settled reservation's record waits to be deleted with others, and how many go in one DEL. */
    static final long DELETE_DELAY_MILLIS = 2;
    static final int DELETE_BATCH = 128;

    private final RedisPipe redis;
    private final String prefix;
    private final Duration timeout;
    private final boolean recordWithReserve;
    private final BatchedDeletes deletes;

    /** A store for a Redis that is not a cluster: reservations are recorded by the script that reserves them. */
    public RedisCounterStore(Vertx vertx, Redis redis, String prefix, Duration timeout) {
        this(vertx, redis, prefix, timeout, true);
    }

    /**
     * @param recordWithReserve write a reservation's record in its reserve script (one command instead of two). Not
     *     on Redis Cluster: a script's keys must share a slot there, and a record's key has no policy hash tag (a
     *     Settle names only its decision), so the record is then written by a command of its own.
     */
    public RedisCounterStore(Vertx vertx, Redis redis, String prefix, Duration timeout, boolean recordWithReserve) {
        this.redis = new RedisPipe(redis, timeout);
        this.prefix = prefix;
        this.timeout = timeout;
        this.recordWithReserve = recordWithReserve;
        this.deletes = new BatchedDeletes(DELETE_DELAY_MILLIS, DELETE_BATCH, (ms, task) -> vertx.setTimer(ms, id -> task.run()),
                keys -> {
                    // Records of many decisions, so of many cluster slots: Vert.x's cluster client splits a DEL by slot.
                    Request del = Request.cmd(Command.DEL);
                    keys.forEach(del::arg);
                    fireAndForget(del, "delete " + keys.size() + " settled reservation record(s)");
                });
    }

    /** The synchronous methods wait up to the timeout; Decide and Settle use the async ones. */
    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public ReserveResult tryReserve(List<Charge> charges) {
        return charges.isEmpty() ? GRANTED_NOTHING : reserve(charges).await().indefinitely();
    }

    @Override
    public CompletionStage<ReserveResult> reserveAsync(List<Charge> charges) {
        return charges.isEmpty() ? CompletableFuture.completedFuture(GRANTED_NOTHING)
                : reserve(charges).subscribeAsCompletionStage();
    }

    @Override
    public void release(List<Charge> charges) {
        if (!charges.isEmpty()) {
            releasing(charges).await().indefinitely();
        }
    }

    @Override
    public CompletionStage<Void> releaseAsync(List<Charge> charges) {
        return charges.isEmpty() ? CompletableFuture.completedFuture(null)
                : releasing(charges).replaceWithVoid().subscribeAsCompletionStage();
    }

    private Uni<ReserveResult> reserve(List<Charge> charges) {
        return reserve(charges, null, null, 0);
    }

    /** With a {@code recordKey}: the script also writes {@code record} there, until {@code recordExpiresAt}, if granted. */
    private Uni<ReserveResult> reserve(List<Charge> charges, String recordKey, String record, long recordExpiresAt) {
        int n = charges.size();
        String[] keys = new String[recordKey == null ? n : n + 1];
        String[] args = new String[recordKey == null ? n * 3 : n * 3 + 2];
        for (int i = 0; i < n; i++) {
            Charge c = charges.get(i);
            keys[i] = key(c.key(), c.windowStart());
            args[3 * i] = Long.toString(c.amount());
            args[3 * i + 1] = Long.toString(c.max());
            args[3 * i + 2] = Long.toString(c.windowEnd() + EXPIRY_SLACK_MILLIS);
        }
        if (recordKey != null) {
            keys[n] = recordKey;
            args[3 * n] = record;
            args[3 * n + 1] = Long.toString(recordExpiresAt);
        }
        return script(RESERVE, RESERVE_SHA, keys, args).map(r ->
                new ReserveResult(r.get(0).toLong() == 1, r.get(1).toInteger(), r.get(2).toLong(), r.get(3).toLong()));
    }

    private Uni<Response> releasing(List<Charge> charges) {
        String[] keys = new String[charges.size()];
        String[] args = new String[charges.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(charges.get(i).key(), charges.get(i).windowStart());
            args[i] = Long.toString(charges.get(i).amount());
        }
        return script(RELEASE, RELEASE_SHA, keys, args);
    }

    /** {@code <prefix>res:<decision id>} = one "counter key TAB amount" line per charge, until {@code expiresAtMillis}. */
    private void record(String decisionId, List<Charge> charges, long expiresAtMillis) {
        if (charges.isEmpty()) {
            return;
        }
        fireAndForget(Request.cmd(Command.SET).arg(reservationKey(decisionId)).arg(recordText(charges))
                .arg("PXAT").arg(expiresAtMillis), "record reservation " + decisionId);
    }

    private String recordText(List<Charge> charges) {
        StringBuilder record = new StringBuilder(charges.size() * 96);
        for (Charge c : charges) {
            record.append(key(c.key(), c.windowStart())).append('\t').append(c.amount()).append('\n');
        }
        return record.toString();
    }

    /** One command where the Redis is not a cluster: the reserve script writes the record too. */
    @Override
    public CompletionStage<ReserveResult> reserveAndRecord(String decisionId, List<Charge> charges, long expiresAtMillis) {
        if (charges.isEmpty()) {
            return CompletableFuture.completedFuture(GRANTED_NOTHING);
        }
        if (recordWithReserve) {
            return reserve(charges, reservationKey(decisionId), recordText(charges), expiresAtMillis).subscribeAsCompletionStage();
        }
        return reserve(charges).invoke(rr -> {
            if (rr.granted()) {
                record(decisionId, charges, expiresAtMillis);
            }
        }).subscribeAsCompletionStage();
    }

    /** Deleted with other settled records a moment later ({@link BatchedDeletes}): nothing waits for it. */
    @Override
    public void forget(String decisionId) {
        deletes.add(reservationKey(decisionId));
    }

    /**
     * The same key, now holding the charges as a JSON array (every field of each charge, its limit's included), so
     * that any replica can re-plan them ({@link #read}). Only approval holds pay for the longer record.
     */
    @Override
    public CompletionStage<Void> holdForApproval(String decisionId, List<Charge> charges, long expiresAtMillis) {
        return send(Request.cmd(Command.SET).arg(reservationKey(decisionId)).arg(ChargeRecords.write(charges))
                .arg("PXAT").arg(expiresAtMillis)).replaceWithVoid().subscribeAsCompletionStage();
    }

    /**
     * GETDEL makes the claim: one replica gets the record, every later one nothing. Giving back is then a second
     * step (the counters' keys may live in another cluster slot than the record): should this replica fail in
     * between, the quota stays used, never counted back twice.
     */
    @Override
    public CompletionStage<Boolean> claim(String decisionId, boolean giveBack) {
        return send(Request.cmd(Command.GETDEL).arg(reservationKey(decisionId))).chain(r -> {
            if (r == null) {
                return Uni.createFrom().item(false);
            }
            if (!giveBack) {
                return Uni.createFrom().item(true);
            }
            List<String> keys = new ArrayList<>();
            List<String> amounts = new ArrayList<>();
            String text = r.toString();
            if (ChargeRecords.isJson(text)) {
                for (Charge c : ChargeRecords.read(text)) {
                    keys.add(key(c.key(), c.windowStart()));
                    amounts.add(Long.toString(c.amount()));
                }
            } else {
                for (String line : text.split("\n")) {
                    int tab = line.lastIndexOf('\t');
                    if (tab > 0) {
                        keys.add(line.substring(0, tab));
                        amounts.add(line.substring(tab + 1));
                    }
                }
            }
            return keys.isEmpty() ? Uni.createFrom().item(true)
                    : script(RELEASE, RELEASE_SHA, keys.toArray(String[]::new), amounts.toArray(String[]::new)).replaceWith(true);
        }).subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Recorded> read(String decisionId) {
        return send(Request.cmd(Command.GET).arg(reservationKey(decisionId))).map(r -> {
            if (r == null) {
                return (Recorded) null;
            }
            String text = r.toString();
            if (!ChargeRecords.isJson(text)) {
                throw new CounterStoreUnavailableException("the reservation of " + decisionId
                        + " was not recorded for approval: it cannot be re-planned", null);
            }
            return new Recorded(text, ChargeRecords.read(text));
        }).subscribeAsCompletionStage();
    }

    /** Compare-and-set on the record alone (one key: one cluster slot); the counters are adjusted around it. */
    static final String REPLACE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
              return 1
            end
            return 0
            """;
    private static final String REPLACE_SHA = sha1(REPLACE);

    @Override
    public CompletionStage<Boolean> replace(String decisionId, String expected, List<Charge> charges) {
        return script(REPLACE, REPLACE_SHA, new String[] {reservationKey(decisionId)},
                new String[] {expected, ChargeRecords.write(charges)}).map(r -> r.toInteger() == 1)
                .subscribeAsCompletionStage();
    }

    String reservationKey(String decisionId) {
        return prefix + "res:" + decisionId;
    }

    /** Recording is best effort: without the record, another replica's Settle finds nothing and the quota stays used. */
    private void fireAndForget(Request r, String what) {
        send(r).subscribe().with(ok -> { }, e -> LOG.debugf("Redis: could not %s: %s", what, e.getMessage()));
    }

    @Override
    public long current(CounterKey key, long windowStart) {
        Response r = send(Request.cmd(Command.GET).arg(key(key, windowStart))).await().indefinitely();
        return r == null ? 0 : r.toLong();
    }

    /** Nothing to do: keys expire by themselves. */
    @Override
    public void evictExpired(long nowMillis) {
    }

    /** {@code <prefix>{policy}:counter:window:scope:value:windowStart}, each part escaped so that no two counters meet. */
    String key(CounterKey k, long windowStart) {
        return prefix + '{' + esc(k.policyId()) + "}:" + esc(k.counter()) + ':' + k.window().wire() + ':'
                + k.scope().wire() + ':' + esc(k.scopeValue()) + ':' + windowStart;
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '%' -> "%25";
                case ':' -> "%3A";
                case '{' -> "%7B";
                case '}' -> "%7D";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(rep != null ? rep : String.valueOf(c));
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** EVALSHA, and EVAL once when Redis does not have the script yet (restart, failover). */
    private Uni<Response> script(String body, String sha, String[] keys, String[] args) {
        return send(eval(Request.cmd(Command.EVALSHA).arg(sha), keys, args))
                .onFailure(RedisCounterStore::noScript)
                .recoverWithUni(() -> send(eval(Request.cmd(Command.EVAL).arg(body), keys, args)));
    }

    private static boolean noScript(Throwable e) {
        return e.getCause() != null && e.getCause().getMessage() != null && e.getCause().getMessage().startsWith("NOSCRIPT");
    }

    private static Request eval(Request r, String[] keys, String[] args) {
        r.arg(keys.length);
        for (String k : keys) {
            r.arg(k);
        }
        for (String a : args) {
            r.arg(a);
        }
        return r;
    }

    /**
     * One command, never waiting on the calling thread: the answer, or within the timeout a
     * {@link CounterStoreUnavailableException} (the caller's "could not decide").
     */
    private Uni<Response> send(Request r) {
        return redis.send(r)
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms"))
                .onFailure().transform(e -> new CounterStoreUnavailableException(
                        "rate-limit counters unavailable (Redis): " + e.getMessage(), e));
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JVM", e);
        }
    }
}
