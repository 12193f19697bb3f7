package dev.mcpgateway.proxy.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillFileTest {

    @TempDir
    Path dir;

    static AuditRecord record(long seq) {
        return new AuditRecord(seq, "session-" + (seq % 3), "d-" + seq,
                ("{\"decisionId\":\"d-" + seq + "\",\"n\":" + seq + "}").getBytes(StandardCharsets.UTF_8),
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null);
    }

    private static List<Long> seqs(List<SpillFile.Spilled> read) {
        return read.stream().map(s -> s.record().seq()).toList();
    }

    @Test
    void recordsComeBackInOrderWithTheirBytesKeyAndTraceContext() {
        try (SpillFile spill = new SpillFile(dir, 1 << 20, 1 << 20)) {
            for (long i = 0; i < 5; i++) {
                assertTrue(spill.append(record(i)));
            }
            assertEquals(5, spill.pending());
            List<SpillFile.Spilled> read = spill.read(10);
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), seqs(read));
            AuditRecord r = read.get(3).record();
            assertEquals("session-0", r.key());
            assertEquals("d-3", r.decisionId());
            assertArrayEquals(record(3).value(), r.value(), "the event's bytes are the ones that would have been sent");
            assertEquals(record(3).traceparent(), r.traceparent());
            assertFalse(spill.hasUnread());
            assertEquals(5, spill.pending(), "read is not delivered");
        }
    }

    @Test
    void aRestartReplaysWhatWasNotDeliveredFromTheCheckpointOn() {
        try (SpillFile spill = new SpillFile(dir, 1 << 20, 1 << 20)) {
            for (long i = 0; i < 10; i++) {
                spill.append(record(i));
            }
            List<SpillFile.Spilled> first = spill.read(4);
            spill.commit(first.get(3).end(), 4);
            assertEquals(6, spill.pending());
        }
        try (SpillFile reopened = new SpillFile(dir, 1 << 20, 1 << 20)) {
            assertEquals(6, reopened.pending(), "the four delivered events are not delivered again");
            assertEquals(9, reopened.maxSeq(), "sequence numbers go on after the restart");
            assertEquals(List.of(4L, 5L, 6L, 7L, 8L, 9L), seqs(reopened.read(100)));
        }
    }

    @Test
    void aTornLastLineIsSkippedAndNeverAppendedTo() throws Exception {
        try (SpillFile spill = new SpillFile(dir, 1 << 20, 1 << 20)) {
            spill.append(record(0));
            spill.append(record(1));
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.getFileName().toString().startsWith("spill-")).findFirst().orElseThrow();
        }
        // A crash in the middle of a write: half a line, no newline.
        Files.write(segment, "{\"seq\":2,\"key\":\"s\",\"event\":{\"decisio".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (SpillFile reopened = new SpillFile(dir, 1 << 20, 1 << 20)) {
            assertEquals(1, reopened.skippedLines());
            assertEquals(2, reopened.pending());
            assertTrue(reopened.append(record(2)), "new events go to a new segment");
            assertEquals(List.of(0L, 1L, 2L), seqs(reopened.read(100)), "the torn line is skipped, the rest in order");
        }
    }

    @Test
    void aGarbledLineInTheMiddleIsSkipped() throws Exception {
        try (SpillFile spill = new SpillFile(dir, 1 << 20, 1 << 20)) {
            spill.append(record(0));
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.getFileName().toString().startsWith("spill-")).findFirst().orElseThrow();
        }
        Files.write(segment, "not json at all\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        Files.write(segment, AuditJson.line(record(1)), StandardOpenOption.APPEND);
        try (SpillFile reopened = new SpillFile(dir, 1 << 20, 1 << 20)) {
            assertEquals(2, reopened.pending());
            assertEquals(List.of(0L, 1L), seqs(reopened.read(100)));
        }
    }

    @Test
    void deliveredSegmentsAreDeletedAndTheSizeStaysBounded() throws Exception {
        int lineBytes = AuditJson.line(record(0)).length;
        long max = 2048 + 4L * lineBytes;
        try (SpillFile spill = new SpillFile(dir, max, 1024)) {
            int appended = 0;
            for (long i = 0; i < 100; i++) {
                if (spill.append(record(i))) {
                    appended++;
                }
            }
            assertTrue(appended < 100 && spill.bytes() <= max, "max-bytes bounds the file: " + appended + " events");
            assertFalse(spill.append(record(100)), "a full spill file takes nothing more");
            List<SpillFile.Spilled> read = spill.read(appended);
            assertEquals(appended, read.size());
            spill.commit(read.get(appended - 1).end(), appended);
            long segments;
            try (Stream<Path> files = Files.list(dir)) {
                segments = files.filter(p -> p.getFileName().toString().startsWith("spill-")).count();
            }
            assertEquals(1, segments, "only the segment of the checkpoint is left");
            assertTrue(spill.bytes() <= 1024 + lineBytes);
            assertTrue(spill.append(record(101)), "deleting delivered segments makes room again");
            assertEquals(1, spill.pending());
        }
    }

    @Test
    void olderEventsWrittenAtShutdownAreReadBeforeTheSpilledOnes() throws Exception {
        try (SpillFile spill = new SpillFile(dir, 1 << 20, 1 << 20)) {
            spill.append(record(10));
            spill.append(record(11));
            // The memory buffer at shutdown: older than anything spilled.
            spill.writeOlder(List.of(record(7), record(8), record(9)));
        }
        try (SpillFile reopened = new SpillFile(dir, 1 << 20, 1 << 20)) {
            assertEquals(5, reopened.pending());
            List<Long> all = new ArrayList<>(seqs(reopened.read(2)));
            all.addAll(seqs(reopened.read(100)));
            assertEquals(List.of(7L, 8L, 9L, 10L, 11L), all);
        }
    }

    @Test
    void resetAfterEverythingIsDeliveredLeavesNoFiles() throws Exception {
        try (SpillFile spill = new SpillFile(dir, 1 << 20, 1 << 20)) {
            spill.append(record(0));
            List<SpillFile.Spilled> read = spill.read(10);
            spill.commit(read.get(0).end(), 1);
            spill.reset();
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(0, files.count());
            }
            assertTrue(spill.append(record(1)));
            assertEquals(List.of(1L), seqs(spill.read(10)));
        }
    }
}
