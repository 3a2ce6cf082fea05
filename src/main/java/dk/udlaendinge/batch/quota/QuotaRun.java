package dk.udlaendinge.batch.quota;

public class QuotaRun {
    public static final String DEMO_STATISTICS = "/demo/statistics-2015-demo.csv";
}
