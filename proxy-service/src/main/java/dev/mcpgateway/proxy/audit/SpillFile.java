package dev.mcpgateway.proxy.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The local, append-only overflow of the audit buffer: newline-delimited JSON in segment files named
 * {@code spill-<seq of the first record>.ndjson}, read in name order (= arrival order). A {@code checkpoint}
 * file says how far the current segment was delivered; fully delivered segments are deleted.
 * <p>
 * Survives a restart: at open every segment is scanned, lines that do not parse (a torn write at the
 * tail after a crash) are skipped, and new events go to a fresh segment so a torn tail is never extended.
 * Lines are written to the OS per event (a killed process loses nothing; a power cut may lose the last
 * lines: no fsync per event, that would cost milliseconds per call).
 * <p>
 * Threads: {@link #append} and the counters are called under the outbox's lock; {@link #read} and
 * {@link #commit} only from the publisher thread. The segment list itself is guarded by {@code this}.
 */
public final class SpillFile implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SpillFile.class);
    private static final String PREFIX = "spill-";
    private static final String SUFFIX = ".ndjson";
    private static final String CHECKPOINT = "checkpoint";

    /** Where a record ends: delivering it means the checkpoint may move here. */
    public record Position(Segment segment, long offset) {
    }

    /** A record read back, with where it ends in the file. */
    public record Spilled(AuditRecord record, Position end) {
    }

    public static final class Segment {
        final Path path;
        /** Bytes of complete lines: what a reader may read. */
        volatile long length;
        /** Where reading starts (the checkpoint offset of the segment it names, else 0). */
        final long start;

        Segment(Path path, long length, long start) {
            this.path = path;
            this.length = length;
            this.start = start;
        }

        String name() {
            return path.getFileName().toString();
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;

    private final List<Segment> segments = new ArrayList<>();
    private Segment writing;
    private FileChannel out;
    private long bytes;
    private volatile long pending;
    private volatile long unread;
    private long maxSeq = -1;
    private long skippedLines;

    // Reader state: publisher thread only.
    private Segment readSegment;
    private long readOffset;
    private FileChannel readChannel;

    public SpillFile(Path dir, long maxBytes, long segmentBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(1024, segmentBytes);
        try {
            Files.createDirectories(dir);
            recover();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the audit spill directory " + dir, e);
        }
    }

    private void recover() throws IOException {
        String[] checkpoint = readCheckpoint();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            ds.forEach(files::add);
        }
        files.sort(null);
        for (Path p : files) {
            byte[] content = Files.readAllBytes(p);
            long start = checkpoint != null && checkpoint[0].equals(p.getFileName().toString())
                    ? Math.min(Long.parseLong(checkpoint[1]), content.length) : 0;
            int lineStart = 0;
            int lastNewline = -1;
            for (int i = 0; i < content.length; i++) {
                if (content[i] != '\n') {
                    continue;
                }
                AuditRecord r = AuditJson.parseLine(content, lineStart, i);
                if (r == null) {
                    skippedLines++;
                } else {
                    maxSeq = Math.max(maxSeq, r.seq());
                    if (lineStart >= start) {
                        pending++;
                    }
                }
                lastNewline = i;
                lineStart = i + 1;
            }
            if (lineStart < content.length) {
                skippedLines++; // a torn last line: ignored, and this segment is never appended to again
            }
            segments.add(new Segment(p, lastNewline + 1, start));
            bytes += content.length;
        }
        unread = pending;
        if (skippedLines > 0) {
            LOG.warnf("audit spill %s: %d unreadable line(s) skipped (a write torn by a crash)", dir, skippedLines);
        }
        if (pending > 0) {
            LOG.infof("audit spill %s: %d decision event(s) from before the restart will be delivered", dir, pending);
        }
    }

    private String[] readCheckpoint() throws IOException {
        Path cp = dir.resolve(CHECKPOINT);
        if (!Files.exists(cp)) {
            return null;
        }
        String[] parts = Files.readString(cp, StandardCharsets.UTF_8).strip().split(" ");
        return parts.length == 2 && parts[1].matches("\\d+") ? parts : null;
    }

    /** The highest sequence number in the files; -1 when they hold none. */
    public long maxSeq() {
        return maxSeq;
    }

    /** Events in the files not yet delivered. */
    public long pending() {
        return pending;
    }

    public boolean hasUnread() {
        return unread > 0;
    }

    public synchronized long bytes() {
        return bytes;
    }

    /** Lines skipped at open because they did not parse. */
    public long skippedLines() {
        return skippedLines;
    }

    /** Appends one record; false when the files are at {@code maxBytes} or cannot be written (the caller counts the loss). */
    public synchronized boolean append(AuditRecord r) {
        byte[] line = AuditJson.line(r);
        if (bytes + line.length > maxBytes) {
            return false;
        }
        try {
            if (writing == null || writing.length + line.length > segmentBytes && writing.length > 0) {
                roll(r.seq());
            }
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                out.write(b); // straight to the OS: a killed process loses nothing
            }
        } catch (IOException e) {
            LOG.errorf("audit spill %s: cannot write: %s", dir, e.getMessage());
            closeWriter();
            return false;
        }
        writing.length += line.length;
        bytes += line.length;
        pending++;
        unread++;
        return true;
    }

    private void roll(long firstSeq) throws IOException {
        closeWriter();
        Path p = dir.resolve(name(firstSeq));
        out = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        writing = new Segment(p, 0, 0);
        segments.add(writing);
    }

    private static String name(long seq) {
        return PREFIX + String.format("%020d", seq) + SUFFIX;
    }

    /** Up to {@code max} records after the last one read, in order. Publisher thread only. */
    public List<Spilled> read(int max) {
        List<Spilled> result = new ArrayList<>();
        try {
            while (result.size() < max) {
                Segment seg;
                synchronized (this) {
                    if (readSegment == null) {
                        if (segments.isEmpty()) {
                            break;
                        }
                        open(segments.get(0));
                    }
                    if (readOffset >= readSegment.length) {
                        int i = segments.indexOf(readSegment);
                        if (readSegment == writing || i < 0 || i + 1 >= segments.size()) {
                            break; // at the end of what is written
                        }
                        open(segments.get(i + 1));
                        continue;
                    }
                    seg = readSegment;
                }
                readChunk(seg, max, result);
            }
        } catch (IOException e) {
            LOG.errorf("audit spill %s: cannot read: %s", dir, e.getMessage());
        }
        unreadMinus(result.size());
        return result;
    }

    private synchronized void unreadMinus(int n) {
        unread -= n;
    }

    private void open(Segment seg) throws IOException {
        if (readChannel != null) {
            readChannel.close();
        }
        readSegment = seg;
        readOffset = seg.start;
        readChannel = FileChannel.open(seg.path, StandardOpenOption.READ);
    }

    private void readChunk(Segment seg, int max, List<Spilled> result) throws IOException {
        long limit = seg.length;
        int size = (int) Math.min(limit - readOffset, 1 << 20);
        ByteBuffer buf = ByteBuffer.allocate(size);
        while (buf.hasRemaining()) {
            if (readChannel.read(buf, readOffset + buf.position()) < 0) {
                break;
            }
        }
        byte[] b = buf.array();
        int n = buf.position();
        int lineStart = 0;
        for (int i = 0; i < n && result.size() < max; i++) {
            if (b[i] != '\n') {
                continue;
            }
            AuditRecord r = AuditJson.parseLine(b, lineStart, i);
            long end = readOffset + i + 1;
            if (r != null) {
                result.add(new Spilled(r, new Position(seg, end)));
            } else {
                LOG.warnf("audit spill %s: unreadable line at %s:%d skipped", dir, seg.name(), readOffset + lineStart);
            }
            lineStart = i + 1;
        }
        if (lineStart == 0 && n > 0) {
            // One line longer than the chunk: read it whole.
            throw new IOException("a spill line longer than 1 MiB in " + seg.name());
        }
        readOffset += lineStart;
    }

    /**
     * {@code count} records up to {@code upTo} are delivered: the checkpoint moves there and every segment
     * before it is deleted. Publisher thread only.
     */
    public void commit(Position upTo, int count) {
        List<Segment> delete = new ArrayList<>();
        synchronized (this) {
            pending -= count;
            while (!segments.isEmpty() && segments.get(0) != upTo.segment()) {
                Segment s = segments.remove(0);
                delete.add(s);
            }
        }
        try {
            Path tmp = dir.resolve(CHECKPOINT + ".tmp");
            Files.writeString(tmp, upTo.segment().name() + " " + upTo.offset() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(CHECKPOINT), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            for (Segment s : delete) {
                long size = Files.size(s.path);
                Files.deleteIfExists(s.path);
                synchronized (this) {
                    bytes -= size;
                }
            }
        } catch (IOException e) {
            // The events were delivered; at worst they are delivered again after a restart (audit dedupes).
            LOG.warnf("audit spill %s: cannot record the delivery checkpoint: %s", dir, e.getMessage());
        }
    }

    /** Everything was delivered: deletes the files so the next overflow starts clean. Under the outbox's lock. */
    public synchronized void reset() {
        if (pending > 0 || unread > 0) {
            throw new IllegalStateException("the spill file still has events");
        }
        closeWriter();
        closeReader();
        try {
            for (Segment s : segments) {
                Files.deleteIfExists(s.path);
            }
            Files.deleteIfExists(dir.resolve(CHECKPOINT));
        } catch (IOException e) {
            LOG.warnf("audit spill %s: cannot delete delivered segments: %s", dir, e.getMessage());
        }
        segments.clear();
        bytes = 0;
    }

    /**
     * At shutdown: writes records that are older than everything in the files (the memory buffer) to a
     * segment of their own, named by their first sequence number so it is read first after the restart.
     */
    public synchronized void writeOlder(List<AuditRecord> records) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        Path p = dir.resolve(name(records.get(0).seq()));
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (AuditRecord r : records) {
                ByteBuffer b = ByteBuffer.wrap(AuditJson.line(r));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            ch.force(true);
        }
    }

    private void closeWriter() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.debugf("closing spill segment: %s", e.getMessage());
            }
        }
        out = null;
        writing = null;
    }

    private void closeReader() {
        if (readChannel != null) {
            try {
                readChannel.close();
            } catch (IOException e) {
                LOG.debugf("closing spill reader: %s", e.getMessage());
            }
        }
        readChannel = null;
        readSegment = null;
        readOffset = 0;
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.force(true);
            } catch (IOException e) {
                LOG.debugf("sync of spill segment: %s", e.getMessage());
            }
        }
        closeWriter();
        closeReader();
    }
}
