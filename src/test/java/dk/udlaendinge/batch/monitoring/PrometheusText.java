package dk.udlaendinge.batch.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of the Prometheus text format as /actuator/prometheus serves it. */
record PrometheusText(String body) {

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * The value of the one sample {@code name} whose labels include {@code labels}; fails
     * when none or several.
     */
    double value(String name, String... labels) {
        Double found = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String sample = brace >= 0 ? line.substring(0, brace) : line.substring(0, space);
            if (!sample.equals(name) || !labels(line).entrySet().containsAll(pairs(labels).entrySet())) {
                continue;
            }
            if (found != null) {
                throw new AssertionError("several samples of " + name + " match " + pairs(labels) + " in\n" + body);
            }
            found = Double.parseDouble(line.substring(space + 1));
        }
        if (found == null) {
            throw new AssertionError("no sample " + name + " with " + pairs(labels) + " in\n" + body);
        }
        return found;
    }

    boolean has(String name, String... labels) {
        try {
            value(name, labels);
            return true;
        }
        catch (AssertionError e) {
            return false;
        }
    }

    private static Map<String, String> labels(String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        int brace = line.indexOf('{');
        if (brace < 0) {
            return labels;
        }
        Matcher m = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
        while (m.find()) {
            labels.put(m.group(1), m.group(2));
        }
        return labels;
    }

    private static Map<String, String> pairs(String... labels) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            p.put(labels[i], labels[i + 1]);
        }
        return p;
    }
}
