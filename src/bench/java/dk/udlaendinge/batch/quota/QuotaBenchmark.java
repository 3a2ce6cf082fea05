package dk.udlaendinge.batch.quota;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dk.udlaendinge.batch.quota.internal.QuotaFiles;
import dk.udlaendinge.batch.quota.model.QuotaInputs;
import dk.udlaendinge.batch.quota.model.QuotaRevision;

/**
 * Times the work of {@code quotaWorkbookJob} for one year without Spring or a database:
 * read and check the demo statistics, compute the key, write the CSV and all 99
 * workbooks. Each repetition writes into a fresh folder under {@code scratchDir}. Target:
 * under 5 s on 2 cores.
 */
public final class QuotaBenchmark {

    /** Median, fastest and slowest of the repetitions (after one untimed warm-up). */
    public record Result(int repetitions, int workbooks, Duration median, Duration min, Duration max, long bytes) {

        @Override
        public String toString() {
            return String.format(
                    "quota workbooks: %d repetitions of %d workbooks (%,d bytes): median %d ms, min %d ms, max %d ms",
                    repetitions, workbooks, bytes, median.toMillis(), min.toMillis(), max.toMillis());
        }
    }

    private QuotaBenchmark() {
    }

    public static Result run(Path scratchDir, int repetitions) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1, was " + repetitions);
        }
        try {
            Files.createDirectories(scratchDir);
            Path statistics = scratchDir.resolve("statistics-2015-demo.csv");
            try (InputStream in = QuotaBenchmark.class.getResourceAsStream(QuotaRequests.DEMO_STATISTICS)) {
                Files.copy(in, statistics, StandardCopyOption.REPLACE_EXISTING);
            }
            once(statistics, scratchDir.resolve("warm-up"));
            List<Duration> times = new ArrayList<>();
            int workbooks = 0;
            long bytes = 0;
            for (int k = 0; k < repetitions; k++) {
                Path folder = scratchDir.resolve("run-" + k);
                long start = System.nanoTime();
                workbooks = once(statistics, folder);
                times.add(Duration.ofNanos(System.nanoTime() - start));
                bytes = size(folder);
            }
            times.sort(Comparator.naturalOrder());
            return new Result(repetitions, workbooks, times.get(times.size() / 2), times.get(0),
                    times.get(times.size() - 1), bytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException("benchmark cannot use " + scratchDir + ": " + e.getMessage(), e);
        }
    }

    private static int once(Path statistics, Path folder) {
        QuotaInputs inputs = QuotaInputs.read(2015, 12_000, statistics, null);
        QuotaRevision rev = new QuotaRevision(inputs, inputs.compute(), 1, null, Instant.now());
        return QuotaFiles.writeAll(rev, folder);
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/quota-bench");
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.println(run(dir, reps));
    }

}
