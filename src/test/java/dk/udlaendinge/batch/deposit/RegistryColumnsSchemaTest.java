package dk.udlaendinge.batch.deposit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dk.udlaendinge.batch.deposit.RegistryColumns.Column;

/**
 * The validator's and the upsert's column limits ({@link RegistryColumns}) against the
 * real deposit table, created by the application's own migrations: a column widened or
 * narrowed in one place and not the other fails here, not in a night's import.
 */
class RegistryColumnsSchemaTest {

    private record DbColumn(String name, String type, Integer length, Integer precision, Integer scale) {
    }

    @Test
    void everyDepositColumnAndItsLimitsMatchTheSchema() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:hsqldb:mem:registry-columns", "SA", "");
        Flyway.configure()
            .dataSource(ds)
            .locations("classpath:db/migration/common", "classpath:db/migration/hsqldb")
            .load()
            .migrate();
        List<DbColumn> schema = new JdbcTemplate(ds).query(
                "SELECT LOWER(COLUMN_NAME), DATA_TYPE,"
                        + " CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE FROM INFORMATION_SCHEMA.COLUMNS"
                        + " WHERE TABLE_NAME = 'DEPOSIT' ORDER BY ORDINAL_POSITION",
                (rs, i) -> new DbColumn(rs.getString(1), rs.getString(2), number(rs.getObject(3)),
                        number(rs.getObject(4)), number(rs.getObject(5))));

        assertThat(schema.stream().map(DbColumn::name).toList())
            .containsExactlyElementsOf(RegistryColumns.TABLE.stream().map(Column::name).toList());
        for (int i = 0; i < schema.size(); i++) {
            DbColumn db = schema.get(i);
            Column ours = RegistryColumns.TABLE.get(i);
            switch (ours.kind()) {
                case TEXT -> {
                    assertThat(db.type()).as(db.name()).isEqualTo("CHARACTER VARYING");
                    assertThat(db.length()).as(db.name()).isEqualTo(ours.length());
                }
                case DECIMAL -> {
                    assertThat(db.type()).as(db.name()).isIn("DECIMAL", "NUMERIC");
                    assertThat(db.precision()).as(db.name()).isEqualTo(ours.precision());
                    assertThat(db.scale()).as(db.name()).isEqualTo(ours.scale());
                }
                case INTEGER -> assertThat(db.type()).as(db.name()).isEqualTo("INTEGER");
                case BOOLEAN -> assertThat(db.type()).as(db.name()).isEqualTo("BOOLEAN");
                case DATE -> assertThat(db.type()).as(db.name()).isEqualTo("DATE");
            }
        }
    }

    @Test
    void theUpsertCastsEveryValueToItsColumnsType() {
        for (Column c : RegistryColumns.TABLE) {
            assertThat(DepositUpsert.SQL).contains("CAST(? AS " + c.sqlType() + ")");
        }
        assertThat(DepositUpsert.SQL).contains("VARCHAR(200)").contains("DECIMAL(12,2)");
    }

    private static Integer number(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

}
