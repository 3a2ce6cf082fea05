package dk.udlaendinge.batch.deposit;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;

import dk.udlaendinge.batch.deposit.RegistryColumns.Column;

/**
 * Upsert by {@code deposit_id} with a standard SQL MERGE (HSQLDB and PostgreSQL 15+ both
 * take it), so importing the same file twice changes nothing. What the rule set makes of
 * the row's dates ({@link SecurityRules#term}: the set, the end it runs to, whether it is
 * still to be renewed, the date to extend it until) is stored beside the row, so the
 * nightly select is an index range scan and the rule keeps its one home in
 * {@link SecurityRules}.
 */
public final class DepositUpsert {

    /** The deposit table's columns and SQL types, from the one table of limits. */
    private static final List<Column> COLUMNS = RegistryColumns.TABLE;

    static final String SQL = "MERGE INTO deposit d USING (VALUES ("
            + COLUMNS.stream().map(c -> "CAST(? AS " + c.sqlType() + ")").collect(Collectors.joining(", ")) + ")) AS v("
            + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ")) + ")"
            + " ON d.deposit_id = v.deposit_id" + " WHEN MATCHED THEN UPDATE SET "
            + COLUMNS.stream().skip(1).map(c -> c.name() + " = v." + c.name()).collect(Collectors.joining(", "))
            + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "))
            + ") VALUES (" + COLUMNS.stream().map(c -> "v." + c.name()).collect(Collectors.joining(", ")) + ")";

    /**
     * A plain insert with the same binding, for bulk loads into an empty registry (demo,
     * benchmark).
     */
    public static final String INSERT_SQL = "INSERT INTO deposit ("
            + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ")) + ") VALUES ("
            + COLUMNS.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";

    private DepositUpsert() {
    }

    public static JdbcBatchItemWriter<Deposit> writer(DataSource dataSource, SecurityRules rules) {
        return new JdbcBatchItemWriterBuilder<Deposit>().dataSource(dataSource)
            .sql(SQL)
            .itemPreparedStatementSetter((d, ps) -> bind(d, ps, rules))
            .assertUpdates(false)
            .build();
    }

    /**
     * Binds one deposit; also used by the demo generator so both paths store rows alike.
     */
    public static void bind(Deposit d, PreparedStatement ps, SecurityRules rules) throws SQLException {
        int i = 1;
        ps.setString(i++, d.depositId());
        ps.setString(i++, d.caseNumber());
        ps.setString(i++, d.referenceCpr());
        ps.setString(i++, d.referenceName());
        ps.setString(i++, d.addressLine());
        ps.setString(i++, d.postalCode());
        ps.setString(i++, d.city());
        ps.setBoolean(i++, d.digitalPostExempt());
        ps.setString(i++, d.digitalPostAddress());
        ps.setString(i++, d.spouseName());
        ps.setInt(i++, d.municipalityCode());
        ps.setString(i++, d.legalBasis().code());
        ps.setString(i++, d.securityForm().name());
        ps.setBigDecimal(i++, d.amountDkk());
        ps.setDate(i++, Date.valueOf(d.postedDate()));
        ps.setDate(i++, Date.valueOf(d.permitGrantedDate()));
        date(ps, i++, d.permanentResidenceDate());
        ps.setString(i++, d.danishTest().name());
        SecurityRules.Term term = rules.term(d);
        ps.setDate(i++, Date.valueOf(term.end()));
        ps.setBoolean(i++, term.renewable());
        date(ps, i++, d.applicationDate());
        date(ps, i++, d.validUntil());
        date(ps, i++, d.releasedDate());
        ps.setString(i++, d.releaseReason() == null ? null : d.releaseReason().name());
        ps.setString(i++, term.set().name());
        date(ps, i, term.extendUntil());
    }

    private static void date(PreparedStatement ps, int i, java.time.LocalDate d) throws SQLException {
        if (d == null) {
            ps.setNull(i, Types.DATE);
        }
        else {
            ps.setDate(i, Date.valueOf(d));
        }
    }

}
