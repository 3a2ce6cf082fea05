package dk.udlaendinge.batch.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A running execution's progress as the page shows it and polls it: per running step
 * (each partition on its own, and their sum under the step's name): done of total, rate
 * and time left. Plain arithmetic over what the job repository recorded at the last chunk
 * commit.
 */
record Progress(String status, String tone, boolean running, List<Line> lines) {

    /** One step or partition as recorded. */
    record Part(String step, long done, long total, Duration elapsed) {
    }

    /** One line of the table; texts ready to show. */
    record Line(String step, long done, long total, int percent, String rate, String left) {
    }

    static Progress none() {
        return new Progress("Unknown", "off", false, List.of());
    }

    static Progress of(Status status, boolean running, List<Part> parts) {
        List<Line> lines = new ArrayList<>();
        java.util.Map<String, List<Part>> byStep = new java.util.LinkedHashMap<>();
        for (Part p : parts) {
            byStep
                .computeIfAbsent(p.step().contains(":") ? p.step().substring(0, p.step().indexOf(':')) : p.step(),
                        k -> new ArrayList<>())
                .add(p);
        }
        byStep.forEach((step, ps) -> {
            if (ps.size() > 1) {
                long done = ps.stream().mapToLong(Part::done).sum();
                boolean known = ps.stream().allMatch(p -> p.total() >= 0);
                long total = known ? ps.stream().mapToLong(Part::total).sum() : -1;
                Duration elapsed = ps.stream().map(Part::elapsed).max(Duration::compareTo).orElse(Duration.ZERO);
                lines.add(line(step + " (all " + ps.size() + " partitions)", done, total, elapsed));
            }
            ps.forEach(p -> lines.add(line(p.step(), p.done(), p.total(), p.elapsed())));
        });
        return new Progress(status.word(), status.tone(), running, lines);
    }

    static Line line(String step, long done, long total, Duration elapsed) {
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        double rate = done / seconds;
        int percent = total > 0 ? (int) Math.min(100, done * 100 / total) : total == 0 ? 100 : -1;
        String left;
        if (total < 0) {
            left = "unknown (no total)";
        }
        else if (done >= total) {
            left = "finishing";
        }
        else if (rate <= 0) {
            left = "not yet known";
        }
        else {
            left = "about " + ConsoleText.duration(Duration.ofSeconds(Math.round((total - done) / rate)));
        }
        return new Line(step, done, total, percent, String.format(java.util.Locale.ROOT, "%.1f/s", rate), left);
    }
}
